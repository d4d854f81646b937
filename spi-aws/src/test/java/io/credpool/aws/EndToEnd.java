package io.credpool.aws;

import static io.credpool.aws.internal.secrets.FakeSecretsManager.jsonString;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.secrets.FakeSecretsManager;
import io.credpool.testkit.PgCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The setting of the end-to-end tests: a fresh role and database on the testkit PostgreSQL, and a
 * fake Secrets Manager on loopback that checks the SigV4 signature of every request and answers
 * each valid {@code GetSecretValue} with the secret document of the version stage it asks for
 * ({@code AWSCURRENT}: the role's; no other stage until a test stages one).
 */
final class EndToEnd implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String SECRET_ID = "prod/credpool/e2e";
    static final String CURRENT = "AWSCURRENT";
    static final String PENDING = "AWSPENDING";

    final PgCluster cluster = PgCluster.shared();
    final String role = "e2e_" + random(6);
    final String database = role + "_db";
    /** Temporary AWS credentials, so both the secret key and the session token must stay out of every text. */
    final AwsCredentials aws = new AwsCredentials("AKIAE2E" + random(6).toUpperCase(), "e2eSecretKey/" + random(16),
            "e2eSessionToken+" + random(16), null, "test");
    final FakeSecretsManager fake = FakeSecretsManager.http(REGION).accept(aws);

    /** The secret document of each version stage the fake serves; a stage not here is not found. */
    private final Map<String, String> stages = new ConcurrentHashMap<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** A role that logs in with {@code password}, whose secret the fake serves from now on. */
    EndToEnd(String password) {
        cluster.createRole(role, password);
        cluster.createDatabase(database, role);
        serve(password);
        secrets.add(aws.secretAccessKey());
        secrets.add(aws.sessionToken());
        fake.serveStages(SECRET_ID, stages::get);
    }

    /**
     * A password with every character that breaks naive URL handling ({@code @:/?#%&=}, space,
     * {@code +}), quotes and a backslash for JSON and SQL, non-ASCII letters, and a random tail
     * that must never show up anywhere.
     */
    static String password() {
        return "p@ss:w/rd?#%&= +\u00fc\u20ac'\"\\-" + random(12);
    }

    /** From now on the fake answers with a secret holding {@code password} (as {@code AWSCURRENT}). */
    void serve(String password) {
        stage(CURRENT, role, password);
    }

    /** From now on the version with {@code stage} holds {@code user} and {@code password}. */
    void stage(String stage, String user, String password) {
        secrets.add(password);
        stages.put(stage, secretDocument(user, password));
    }

    /** From now on no version has {@code stage}. */
    void unstage(String stage) {
        stages.remove(stage);
    }

    /** One more value that {@link #assertNoSecretIn} looks for, e.g. a wrong key given on purpose. */
    void alsoSecret(String value) {
        secrets.add(value);
    }

    /** The document AWS stores for an RDS secret: host, port (a number), username, password, dbname, engine. */
    String secretDocument(String user, String password) {
        return "{\"username\":" + jsonString(user) + ",\"password\":" + jsonString(password)
                + ",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":" + cluster.port()
                + ",\"dbname\":" + jsonString(database) + "}";
    }

    /** {@code host:port/db} as the log lines and the pool show it. */
    String target() {
        return "127.0.0.1:" + cluster.port() + "/" + database;
    }

    /**
     * A production environment that configures only {@code aws-secrets-manager}: secret id,
     * region, static keys with a session token and the endpoint override; {@code HOME} is an
     * empty directory (no shared profile files) and IMDS is off. {@code more} are extra
     * name/value pairs.
     */
    Map<String, String> environment(Path home, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENV", "production");
        env.put("AWS_SECRET_NAME", SECRET_ID);
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", aws.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", aws.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", aws.sessionToken());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.uri().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("HOME", home.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /**
     * Fails when {@code text} holds any database password served so far, the AWS secret key or
     * session token (or another {@link #alsoSecret}), whole, URL-encoded, or just their random tails.
     */
    void assertNoSecretIn(String where, String text) {
        for (String secret : secrets) {
            List<String> forms = new ArrayList<>(List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8)));
            forms.add(secret.substring(secret.length() - 12));
            for (String form : forms) {
                assertFalse(text.contains(form), () -> where + " shows a secret (" + secret.length() + " chars): "
                        + text.replace(form, "<SECRET>"));
            }
        }
    }

    /** {@link #assertNoSecretIn} for an exception's messages and string forms, its causes and suppressed ones included. */
    void assertNoSecretIn(String where, Throwable error) {
        List<Throwable> seen = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || seen.contains(t)) {
                continue;
            }
            seen.add(t);
            assertNoSecretIn(where + " (" + t.getClass().getName() + ")", t + " | " + t.getLocalizedMessage());
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
            if (t instanceof java.sql.SQLException) {
                todo.add(((java.sql.SQLException) t).getNextException());
            }
        }
    }

    static String random(int chars) {
        byte[] bytes = new byte[(chars + 1) / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, chars);
    }

    /** Leaves the role and database to the throwaway cluster; stops the fake. */
    @Override
    public void close() {
        fake.close();
    }
}
