package io.credpool.aws.internal.provider;

import static io.credpool.aws.internal.secrets.FakeSecretsManager.jsonString;
import static io.credpool.aws.internal.secrets.FakeSecretsManager.secretString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.Environment;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.secrets.FakeSecretsManager;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.PgCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The credential path end to end without the pool: the provider fetches the secret from the fake
 * Secrets Manager and pgjdbc logs in to a throwaway PostgreSQL with it; after a password rotation
 * the old login fails once, the source is invalidated, and the refetched password works.
 * (The same through {@code ConnectionPool} belongs with the pool's integration tests.)
 */
class SecretsManagerPostgresTest {

    private static final AwsCredentials KEYS = AwsCredentials.of("AKIAPOSTGRES", "postgres/secret");

    private static Connection connect(DatabaseConfig config, Credentials credentials) throws SQLException {
        Properties props = new Properties();
        props.putAll(config.driverProperties());
        props.setProperty("user", credentials.username());
        props.setProperty("password", credentials.password());
        return DriverManager.getConnection(config.jdbcUrl(), props);
    }

    private static String whoAmI(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user || '@' || current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void logsInWithTheFetchedPasswordAndFollowsARotation() throws Exception {
        PgCluster cluster = PgCluster.shared();
        String role = "sm_app_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String database = role + "_db";
        String first = "p@ss:/?#%&=w\u00f6rd \u5bc6\u7801 1";
        String second = "p@ss:/?#%&=w\u00f6rd \u5bc6\u7801 2";
        cluster.createRole(role, first);
        cluster.createDatabase(database, role);

        try (FakeSecretsManager fake = FakeSecretsManager.http("eu-west-1").accept(KEYS)) {
            String secret = "{\"host\":\"127.0.0.1\",\"port\":" + cluster.port() + ",\"username\":" + jsonString(role)
                    + ",\"password\":%s,\"dbname\":" + jsonString(database) + ",\"engine\":\"postgres\"}";
            fake.enqueue(secretString("prod/db", String.format(secret, jsonString(first))));
            Environment env = Environment.of(Map.of("AWS_SECRET_NAME", "prod/db", "AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.uri().toString(), "AWS_ACCESS_KEY_ID", KEYS.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", KEYS.secretAccessKey(), "AWS_EC2_METADATA_DISABLED", "true",
                    "HOME", System.getProperty("java.io.tmpdir")));
            CredentialSource source = new SecretsManagerProvider().open(env);
            try (Connection c = connect(source.config(), source.credentials())) {
                assertEquals(role + "@" + database, whoAmI(c));
            }

            cluster.changePassword(role, second);
            fake.enqueue(secretString("prod/db", String.format(secret, jsonString(second))));
            SQLException rejected = assertThrows(SQLException.class, () -> connect(source.config(), source.credentials()));
            assertEquals("28P01", rejected.getSQLState(), "invalid_password");
            Thread.sleep(1_100); // an invalidation right after a fetch is taken to concern the older password
            source.invalidate();
            try (Connection c = connect(source.config(), source.credentials())) {
                assertEquals(role + "@" + database, whoAmI(c));
            }
            assertEquals(2, fake.count());
            assertEquals(java.util.List.of(), fake.problems());
        }
    }
}
