package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.credpool.internal.config.Redact;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubDriver;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random passwords made of 6-character tokens joined by reserved characters
 * ({@code / @ : ? # % & = + ;} and space), raw or percent-encoded, in the user information or
 * the query of {@code DATABASE_URL} and {@code jdbc:} URLs, passed to every public
 * {@code toString()}, exception message and log path: neither the password, nor an encoding of
 * it, nor any of its tokens may show. Reproduce with {@code -Dcredpool.seed=<seed>}; rounds with
 * {@code -Dcredpool.redactionRounds} (default 3000).
 *
 * <p>A raw {@code &} in a query value is always written encoded: raw, it ends the value by
 * definition, so what follows it is no longer part of the password. Likewise a raw {@code ?} in
 * the user information starts the query: such URLs go to every masking surface but not to
 * {@link DatabaseUrl#parse}, which reads them as the different URL they are (see the class
 * comment of {@code UrlParser}).
 */
class RedactionFuzzTest {

    private static final int ROUNDS = Integer.getInteger("credpool.redactionRounds", 3000);
    private static final long SEED = Long.getLong("credpool.seed", System.nanoTime());
    private static final String RESERVED = "/@:?#%&=+; ";
    private static final String TOKEN_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
    private static final List<String> SCHEMES = List.of("postgresql://", "postgres://", "jdbc:postgresql://");
    private static final List<String> SECRET_KEYS = List.of("password", "sslpassword", "PASSWORD", "pwd", "passwd",
            "token", "apiKey", "pass%77ord", "client_secret");
    private static final List<String> OTHER_PARAMS = List.of("sslmode=require", "application_name=me@corp",
            "connect_timeout=3", "schema=sales", "user=app");

    @BeforeAll
    static void printSeed() {
        System.out.println("RedactionFuzzTest seed=" + SEED + " rounds=" + ROUNDS + " (rerun with -Dcredpool.seed=" + SEED + ")");
    }

    /** One generated case: the password, how it was written, and the URL holding it. */
    private record Case(int round, String password, List<String> tokens, String url, boolean parseable) {
        String describe() {
            return "seed=" + SEED + " round=" + round + " password=[" + password + "] url=[" + url + "]";
        }
    }

    @Test
    void noPublicSurfaceShowsAGeneratedPassword() throws Exception {
        Random r = new Random(SEED);
        StubDriver.register();
        Set<Character> seen = new TreeSet<>();
        try (LogCapture log = LogCapture.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                Case c = generate(r, round);
                c.password().chars().filter(ch -> RESERVED.indexOf(ch) >= 0).forEach(ch -> seen.add((char) ch));
                check(c, shown(c, r.nextInt(100) == 0), "a toString or exception");
                check(c, log.everything(), "the log");
                log.clear();
            }
        }
        assertEquals(RESERVED.length(), seen.size(), "every reserved character was tried: " + seen);
    }

    private static Case generate(Random r, int round) {
        List<String> tokens = new ArrayList<>();
        StringBuilder password = new StringBuilder();
        int count = 2 + r.nextInt(2);
        for (int t = 0; t < count; t++) {
            if (t > 0 || r.nextBoolean()) {
                for (int n = 1 + r.nextInt(2); n > 0; n--) {
                    password.append(RESERVED.charAt(r.nextInt(RESERVED.length())));
                }
            }
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                token.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
            }
            tokens.add(token.toString());
            password.append(token);
        }
        if (r.nextBoolean()) {
            password.append(RESERVED.charAt(r.nextInt(RESERVED.length())));
        }
        String pw = password.toString();
        boolean encoded = r.nextBoolean();
        boolean inQuery = r.nextBoolean();
        String written = encoded ? percentEncode(pw) : inQuery ? pw.replace("&", "%26") : pw;
        StringBuilder url = new StringBuilder(SCHEMES.get(r.nextInt(SCHEMES.size())));
        if (!inQuery) {
            url.append("app:").append(written).append('@');
        } else if (r.nextBoolean()) {
            url.append("app@");
        }
        url.append(r.nextBoolean() ? "db.example:5432" : "localhost").append("/app");
        List<String> params = new ArrayList<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            params.add(OTHER_PARAMS.get(r.nextInt(OTHER_PARAMS.size())));
        }
        if (inQuery) {
            params.add(r.nextInt(params.size() + 1), SECRET_KEYS.get(r.nextInt(SECRET_KEYS.size())) + "=" + written);
        }
        if (!params.isEmpty()) {
            url.append('?').append(String.join("&", params));
        }
        return new Case(round, pw, tokens, url.toString(), inQuery || !written.contains("?"));
    }

    private static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Everything a user could see of {@code c}: toString of every value type, exception messages and stack traces. */
    private static String shown(Case c, boolean throughAPool) {
        String url = c.url();
        String pw = c.password();
        StringBuilder out = new StringBuilder();
        out.append(ConnectionPool.builder().jdbcUrl(url).toString()).append('\n');
        out.append(ConnectionPool.builder().jdbcUrl(url).username("app").password(pw)
                .driverProperty("sslpassword", pw).toString()).append('\n');
        Map<String, String> dotenv = Dotenv.parse("DATABASE_URL='" + url + "'\nOTHER_URL='" + url + "'\nDB_PASSWORD='" + pw + "'\n");
        out.append(dotenv).append('\n').append(Environment.of(dotenv)).append('\n');
        String jdbcUrl = url.startsWith("jdbc:") ? url : "jdbc:" + url;
        DatabaseConfig byHand = new DatabaseConfig(jdbcUrl, Credentials.of("app", pw),
                Map.of("sslpassword", pw, "otherUrl", url), PoolSettings.defaults());
        out.append(byHand).append('\n').append(byHand.target()).append('\n').append(byHand.driverProperties()).append('\n');
        try {
            if (!c.parseable()) {
                throw new DatabaseConfigException("not parsed: a raw '?' in the user information starts the query");
            }
            DatabaseConfig parsed = DatabaseUrl.parse(url);
            out.append(parsed).append('\n').append(parsed.jdbcUrl()).append('\n').append(parsed.target()).append('\n')
                    .append(parsed.driverProperties()).append('\n').append(parsed.pool()).append('\n')
                    .append(parsed.credentials()).append('\n');
        } catch (DatabaseConfigException e) {
            out.append(LogCapture.stackTrace(e));
        }
        String json = "{\"host\":\"h\",\"username\":\"u\",\"password\":\"" + jsonEscape(pw) + "\",\"dbname\":\"d\","
                + "\"sslpassword\":\"" + jsonEscape(pw) + "\"}";
        DatabaseSecret secret = DatabaseSecret.parse(json);
        out.append(secret).append('\n').append(secret.parameters()).append('\n')
                .append(secret.toConfig(Environment.of(Map.of()))).append('\n');

        SQLException driver = new SQLNonTransientConnectionException("connect to " + url + " failed {user=app, password="
                + pw + "}", "08001");
        driver.initCause(new IOException("while sending " + percentEncode(pw)));
        driver.setNextException(new SQLException("url=" + url));
        out.append(LogCapture.stackTrace(Redact.exception(driver, pw))).append('\n');
        out.append(Redact.reason(driver, pw)).append('\n');
        if (throughAPool) {
            String db = "fuzz-" + c.round();
            StubDriver.behaviour(db).down("08001").echoProperties(true);
            try {
                ConnectionPool.builder().jdbcUrl("jdbc:stub://" + db + "?password=" + c.url().hashCode())
                        .username("app").password(pw).retry(RetryPolicy.none()).build().close();
                fail("the stub is down");
            } catch (SQLException e) {
                out.append(LogCapture.stackTrace(e));
            }
        }
        return out.toString();
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void check(Case c, String output, String where) {
        List<String> forms = new ArrayList<>(List.of(c.password(), percentEncode(c.password()),
                URLEncoder.encode(c.password(), StandardCharsets.UTF_8)));
        forms.addAll(c.tokens());
        for (String form : forms) {
            if (output.contains(form)) {
                fail(where + " shows '" + form + "' of " + c.describe() + "\n--- output ---\n" + output);
            }
        }
    }
}
