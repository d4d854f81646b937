package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.internal.config.Setting;
import io.credpool.internal.config.UrlParser;
import io.credpool.internal.provider.DatabaseUrlProvider;
import io.credpool.internal.provider.SecretFileProvider;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What jshell would echo for every value type of the configuration layer: never a secret. */
class RedactionTest {

    private static final List<String> SECRETS = List.of("Pw-8f3k2", "Ssl-77q1", "Tok-4h2z", "Aws-9w0x");

    private static void assertRedacted(Object value) {
        String shown = String.valueOf(value);
        for (String secret : SECRETS) {
            assertFalse(shown.contains(secret), () -> value.getClass().getSimpleName() + " shows a secret: " + shown);
        }
    }

    @Test
    void credentials() {
        Credentials c = new Credentials("app", "Pw-8f3k2", Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals("Credentials[username=app, password=****, expiresAt=2030-01-01T00:00:00Z]", c.toString());
        assertEquals("Credentials[username=app, password=<none>]", Credentials.of("app", null).toString());
    }

    @Test
    void databaseConfigFromAUrl() {
        DatabaseConfig c = DatabaseUrl.parse("postgresql://app:Pw-8f3k2@db:5432/app?sslpassword=Ssl-77q1&application_name=x");
        assertRedacted(c);
        assertRedacted(c.driverProperties());
        assertEquals("{connectTimeout=5, loginTimeout=5, sslpassword=****, ApplicationName=x}", c.driverProperties().toString());
        assertEquals("DatabaseConfig[jdbcUrl=jdbc:postgresql://db:5432/app, credentials=Credentials[username=app,"
                + " password=****], driverProperties={connectTimeout=5, loginTimeout=5, sslpassword=****, ApplicationName=x},"
                + " pool=" + c.pool() + "]", c.toString());
    }

    @Test
    void databaseConfigBuiltByHandWithSecretsInTheUrl() {
        DatabaseConfig c = new DatabaseConfig("jdbc:postgresql://app:Pw-8f3k2@db/app?sslpassword=Ssl-77q1&authToken=Tok-4h2z&ssl=true",
                Credentials.of("app", "Pw-8f3k2"), Map.of("SSLPassword", "Ssl-77q1", "awsSecretKey", "Aws-9w0x"),
                PoolSettings.defaults());
        assertRedacted(c);
        assertTrue(c.toString().contains("jdbc:postgresql://app:****@db/app?sslpassword=****&authToken=****&ssl=true"), c.toString());
        assertEquals("db/app", c.target());
    }

    @Test
    void targetIsHostPortAndDatabaseOnly() {
        assertEquals("db.example:5432/streams", target("jdbc:postgresql://db.example:5432/streams?ssl=true"));
        assertEquals("db.example:5432/streams", target("jdbc:postgresql://app:pw@db.example:5432/streams"));
        assertEquals("db.example:5432/streams", target("jdbc:postgresql://app:p/w@db.example:5432/streams"));
        assertEquals("[::1]:5432/app", target("jdbc:postgresql://[::1]:5432/app"));
        assertEquals("jdbc:stub:orders", target("jdbc:stub:orders?password=x"));
    }

    private static String target(String jdbcUrl) {
        return new DatabaseConfig(jdbcUrl, Credentials.of(null, null), Map.of(), PoolSettings.defaults()).target();
    }

    @Test
    void databaseSecret() {
        DatabaseSecret s = DatabaseSecret.parse("{\"host\":\"h\",\"username\":\"u\",\"password\":\"Pw-8f3k2\",\"dbname\":\"d\","
                + "\"sslpassword\":\"Ssl-77q1\"}");
        assertRedacted(s);
        assertRedacted(s.parameters());
        assertRedacted(s.toConfig(Environment.of(Map.of())));
    }

    @Test
    void environmentAndDotenvMaps() {
        Map<String, String> dotenv = Dotenv.parse("DATABASE_URL=postgresql://app:Pw-8f3k2@db/app\nSSL_PASSWORD=Ssl-77q1\n"
                + "GITHUB_TOKEN=Tok-4h2z\nAWS_SECRET_ACCESS_KEY=Aws-9w0x\nAPP_ENV=test");
        assertRedacted(dotenv);
        assertEquals("{DATABASE_URL=postgresql://app:****@db/app, SSL_PASSWORD=****, GITHUB_TOKEN=****,"
                + " AWS_SECRET_ACCESS_KEY=****, APP_ENV=test}", dotenv.toString());
        assertEquals(Map.of("APP_ENV", "test").get("APP_ENV"), dotenv.get("APP_ENV"), "values are intact");
        assertRedacted(Environment.of(dotenv));
    }

    @Test
    void poolValuesAndInternals(@TempDir Path dir) throws Exception {
        assertRedacted(PoolSettings.defaults().withLeakThreshold(Duration.ofSeconds(5)));
        assertRedacted(RetryPolicy.defaults());
        assertRedacted(new PoolStats(1, 2, 3, 4, 5, 6, 7, 8));
        assertRedacted(UrlParser.parse("postgresql://app:Pw-8f3k2@db/app?sslpassword=Ssl-77q1"));
        assertRedacted(new Setting("sslpassword", "Ssl-77q1", Setting.Origin.URL));

        Path file = dir.resolve("secret.json");
        Files.writeString(file, "{\"host\":\"h\",\"username\":\"u\",\"password\":\"Pw-8f3k2\",\"dbname\":\"d\"}");
        try (LogCapture log = new LogCapture()) {
            CredentialSource fromFile = new SecretFileProvider().open(Environment.of(Map.of("DATABASE_SECRET_FILE", file.toString())));
            CredentialSource fromUrl = new DatabaseUrlProvider().open(
                    Environment.of(Map.of("DATABASE_URL", "postgresql://app:Pw-8f3k2@db/app?sslpassword=Ssl-77q1")));
            assertRedacted(fromFile);
            assertRedacted(fromUrl);
            assertRedacted(fromFile.credentials());
            assertRedacted(log.messages());
        }
    }
}
