package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.credpool.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomised inputs: 10,000 per parser, a third random text and the rest mutations of valid input
 * holding a generated password. Parsers may fail only with {@link DatabaseConfigException} (Dotenv
 * never), and no message or log line may contain the password. Reproduce with
 * {@code -Dcredpool.seed=<seed>} (printed and put in every failure).
 */
class FuzzTest {

    private static final int ROUNDS = Integer.getInteger("credpool.fuzzRounds", 10_000);
    private static final long SEED = Long.getLong("credpool.seed", System.nanoTime());

    private static final String NASTY = "@:/?#&=%[]+ \"'`$\\{}\n\r\t\u0000,;.-_~!*()\u00e9\uD83D\uDD11\uFEFF";
    private static final String SPECIAL = "!*~^()";
    private static final List<String> KEYS = List.of("schema", "connection_limit", "pool_timeout", "connect_timeout",
            "socket_timeout", "sslmode", "sslaccept", "sslcert", "sslidentity", "sslpassword", "pgbouncer",
            "statement_cache_size", "application_name", "options", "channel_binding", "max_connection_lifetime",
            "max_idle_connection_lifetime", "min_idle", "validation_timeout", "leak_threshold", "shutdown_timeout",
            "host", "user", "password", "unknown_key");
    private static final List<String> VALUES = List.of("", "0", "1", "5", "-1", "abc", "true", "false", "yes", "require",
            "verify-full", "strict", "accept_invalid_certs", "prefer", "99999999999", "1.5", "/tmp", "My+Schema", "%zz");

    @BeforeAll
    static void printSeed() {
        System.out.println("FuzzTest seed=" + SEED + " (rerun with -Dcredpool.seed=" + SEED + ")");
    }

    @Test
    void urls() {
        Random r = new Random(SEED);
        run(r, "url", password -> {
            String url = r.nextInt(3) == 0 ? randomText(r, password) : mutate(r, validUrl(r, password));
            Environment env = r.nextBoolean() ? Environment.of(Map.of())
                    : Environment.of(Map.of("DATABASE_" + pick(r, KEYS).toUpperCase(), pick(r, VALUES)));
            DatabaseConfig config = DatabaseUrl.parse(url, env);
            return config.jdbcUrl() + config.driverProperties().keySet();
        });
    }

    @Test
    void validUrlsNeverShowTheirPassword() {
        Random r = new Random(SEED + 1);
        try (LogCapture ignored = new LogCapture()) {
            for (int i = 0; i < ROUNDS / 10; i++) {
                String password = password(r);
                try {
                    DatabaseConfig c = DatabaseUrl.parse(validUrl(r, password));
                    assertFalse(c.toString().contains(password), () -> "seed=" + SEED + ": " + c);
                } catch (DatabaseConfigException e) {
                    assertFalse(e.getMessage().contains(password), () -> "seed=" + SEED + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void dotenv() {
        Random r = new Random(SEED + 2);
        run(r, "dotenv", password -> {
            String text = r.nextInt(3) == 0 ? randomText(r, password) : mutate(r, validDotenv(r, password));
            Map<String, String> vars = Dotenv.parse(text, name -> r.nextBoolean() ? null : "real");
            return vars.keySet().toString();
        });
    }

    @Test
    void validDotenvNeverShowsThePassword() {
        Random r = new Random(SEED + 4);
        try (LogCapture ignored = new LogCapture()) {
            for (int i = 0; i < ROUNDS / 10; i++) {
                String password = password(r);
                Map<String, String> vars = Dotenv.parse(validDotenv(r, password));
                assertFalse(vars.toString().contains(password), () -> "seed=" + SEED + ": " + vars);
                assertFalse(Environment.of(vars).toString().contains(password));
            }
        }
    }

    @Test
    void secrets() {
        Random r = new Random(SEED + 3);
        run(r, "secret", password -> {
            String json = r.nextInt(3) == 0 ? randomText(r, password) : mutate(r, validSecret(r, password));
            DatabaseSecret secret = DatabaseSecret.parse(json);
            DatabaseConfig config = secret.toConfig(Environment.of(Map.of()));
            return config.jdbcUrl();
        });
    }

    /**
     * Runs {@code ROUNDS} cases; a case may fail only with DatabaseConfigException, whose message
     * must not hold the password; nothing logged may hold it either.
     */
    private static void run(Random r, String what, Function<String, String> oneCase) {
        int failures = 0;
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < ROUNDS; i++) {
                String password = password(r);
                try {
                    oneCase.apply(password);
                } catch (DatabaseConfigException e) {
                    failures++;
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        String message = String.valueOf(t.getMessage());
                        if (message.contains(password) || message.contains(encode(password))) {
                            fail(what + " #" + i + " seed=" + SEED + ": message holds the password: " + message);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(what + " #" + i + " seed=" + SEED + ": unexpected " + e, e);
                }
                if (i % 500 == 0) {
                    for (String line : log.messages()) {
                        assertFalse(line.contains(password), () -> what + " seed=" + SEED + ": log holds the password: " + line);
                    }
                    log.clear();
                }
            }
        }
        System.out.println(what + ": " + ROUNDS + " cases, " + failures + " rejected");
        assertEquals(true, failures < ROUNDS, "some inputs must parse");
    }

    /** 8 to 20 characters with at least one that no key, host or number may hold. */
    private static String password(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 8 + r.nextInt(13);
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + NASTY.replace("\u0000", "");
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        sb.insert(r.nextInt(sb.length() + 1), SPECIAL.charAt(r.nextInt(SPECIAL.length())));
        return sb.toString();
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String validUrl(Random r, String password) {
        String scheme = pick(r, List.of("postgresql://", "postgres://", "jdbc:postgresql://", "POSTGRESQL://", "Jdbc:PostgreSQL://"));
        String host = pick(r, List.of("localhost", "db.example", "my_host-1", "10.0.0.1", "[::1]", "[2001:db8::7]"));
        String port = r.nextBoolean() ? "" : ":" + (1 + r.nextInt(65535));
        String db = pick(r, List.of("", "/", "/app", "/my%20db", "/a+b", "/caf%C3%A9"));
        StringBuilder url = new StringBuilder(scheme);
        boolean inQuery = scheme.toLowerCase().startsWith("jdbc") && r.nextBoolean();
        if (!inQuery) {
            url.append("app").append(r.nextBoolean() ? ":" + encode(password) : ":" + password.replace("?", "%3F")).append('@');
        }
        url.append(host).append(port).append(db);
        List<String> params = new ArrayList<>();
        if (inQuery) {
            params.add("user=app");
            params.add("password=" + encode(password));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            params.add(pick(r, KEYS) + "=" + pick(r, VALUES));
        }
        if (!params.isEmpty()) {
            url.append('?').append(String.join("&", params));
        }
        return url.toString();
    }

    private static String validDotenv(Random r, String password) {
        String quoted = pick(r, List.of("\"", "'", "`", ""));
        return pick(r, List.of("", "\uFEFF")) + "# comment\nexport APP_ENV=test\nDB_PASSWORD=" + quoted
                + password.replace(quoted.isEmpty() ? "\n" : quoted, "") + quoted + "\nDATABASE_URL=\"postgresql://app:${DB_PASSWORD}@db/app\"\n"
                + "MULTI=\"a\nb\"\r\nX=${NOPE:-d} $(cmd) pa$$word\n";
    }

    private static String validSecret(Random r, String password) {
        String json = password.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t").replace("\u0000", "\\u0000");
        return "{\"host\":\"" + pick(r, List.of("db.example", "::1", "my_host")) + "\",\"port\":"
                + pick(r, List.of("5432", "\"5432\"", "6543.0")) + ",\"username\":\"app\",\"password\":\"" + json
                + "\",\"dbname\":\"streams\",\"engine\":\"postgres\"" + (r.nextBoolean() ? ",\"" + pick(r, KEYS) + "\":\""
                + pick(r, VALUES) + "\"" : "") + ",\"extra\":[1,{\"x\":null},true]}";
    }

    private static String randomText(Random r, String password) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(60); i > 0; i--) {
            int kind = r.nextInt(10);
            if (kind < 5) {
                sb.append(NASTY.charAt(r.nextInt(NASTY.length())));
            } else if (kind < 8) {
                sb.append((char) ('a' + r.nextInt(26)));
            } else if (kind == 8) {
                sb.append(password);
            } else {
                sb.append((char) r.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    /** One to three random edits: delete, insert, replace, duplicate, swap or truncate. */
    private static String mutate(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int edits = 1 + r.nextInt(3); edits > 0 && sb.length() > 0; edits--) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(6)) {
                case 0: sb.deleteCharAt(at); break;
                case 1: sb.insert(at, NASTY.charAt(r.nextInt(NASTY.length()))); break;
                case 2: sb.setCharAt(at, NASTY.charAt(r.nextInt(NASTY.length()))); break;
                case 3: sb.insert(at, sb.substring(at, Math.min(sb.length(), at + 1 + r.nextInt(8)))); break;
                case 4: {
                    int other = r.nextInt(sb.length());
                    char c = sb.charAt(at);
                    sb.setCharAt(at, sb.charAt(other));
                    sb.setCharAt(other, c);
                    break;
                }
                default: sb.setLength(at); break;
            }
        }
        return sb.toString();
    }
}
