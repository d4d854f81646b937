package io.credpool.aws.internal.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.PoolSettings;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.auth.CountingKeys;
import io.credpool.aws.internal.auth.AwsCredentialsSource;
import io.credpool.aws.internal.sign.SdkOracle;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RdsIamSourceTest {

    private static final Instant T0 = Instant.parse("2030-03-01T08:00:00Z");
    private static final AwsCredentials KEYS = new AwsCredentials("ASIARDS", "rds/secret", "rds-session-token", null,
            "environment variables");

    private final MutableClock clock = new MutableClock(T0);

    private static DatabaseConfig config(String user, String password, String sslmode) {
        return new DatabaseConfig("jdbc:postgresql://mydb.abc123.eu-central-1.rds.amazonaws.com:5433/streams",
                new Credentials(user, password, null), sslmode == null ? Map.of() : Map.of("sslmode", sslmode),
                PoolSettings.defaults());
    }

    private RdsIamSource source(AwsCredentials keys) {
        return new RdsIamSource(config("iam_user", null, "require"), "eu-central-1", () -> keys, clock);
    }

    private static Set<String> params(String query) {
        return new HashSet<>(Arrays.asList(query.split("&")));
    }

    @Test
    void tokenIsAPresignedConnectRequest() throws Exception {
        RdsIamSource source = source(KEYS);
        Credentials c = source.credentials();
        assertEquals("iam_user", c.username());
        assertEquals(T0.plus(Duration.ofMinutes(15)), c.expiresAt());
        String token = c.password();
        assertTrue(token.startsWith("mydb.abc123.eu-central-1.rds.amazonaws.com:5433/?"), token);
        String sdk = SdkOracle.presignedQuery("GET", URI.create("https://mydb.abc123.eu-central-1.rds.amazonaws.com:5433/"
                + "?Action=connect&DBUser=iam_user"), KEYS, T0, "eu-central-1", "rds-db", 900);
        assertEquals(params(sdk), params(token.substring(token.indexOf('?') + 1)));
        assertTrue(token.contains("X-Amz-Security-Token=rds-session-token"));
        assertFalse(source.toString().contains(token));
        assertFalse(c.toString().contains(token));
        assertEquals("mydb.abc123.eu-central-1.rds.amazonaws.com:5433", source.endpoint());
    }

    @Test
    void aRefusedTokenIsDescribedByEndpointAndRegionNotByItself() throws Exception {
        RdsIamSource source = source(KEYS);
        Credentials c = source.credentials();
        assertEquals("an IAM token for mydb.abc123.eu-central-1.rds.amazonaws.com:5433 in eu-central-1",
                source.describe(c));
    }

    @Test
    void tokenIsReusedThenRefreshedBeforeExpiry() throws Exception {
        RdsIamSource source = source(KEYS);
        Credentials first = source.credentials();
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertSame(first, source.credentials());
        clock.advance(Duration.ofSeconds(1));
        Credentials second = source.credentials();
        assertNotEquals(first.password(), second.password());
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), second.expiresAt());
        source.invalidate(second); // refused within a second of signing it: signed again a second later
        assertSame(second, source.credentials());
        source.invalidate(first); // a token replaced already changes nothing
        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(second.password(), source.credentials().password());
    }

    /** {@code forget()} (a checkpoint): the token and the AWS keys go at once; the next call signs anew. */
    @Test
    void forgetDropsTheTokenAndTheKeys() throws Exception {
        CountingKeys keys = new CountingKeys(KEYS);
        RdsIamSource source = new RdsIamSource(config("iam_user", null, "require"), "eu-central-1", keys, clock);
        Credentials first = source.credentials();
        source.forget();
        assertEquals(1, keys.dropped());
        clock.advance(Duration.ofSeconds(1)); // a token signed a second later differs
        assertNotEquals(first.password(), source.credentials().password(), "signed anew, whatever the time");
    }

    @Test
    void aFailedResigningKeepsTheTokenWhileItLasts() throws Exception {
        AtomicReference<AwsCredentials> keys = new AtomicReference<>(KEYS);
        AwsCredentialsSource flaky = () -> {
            AwsCredentials k = keys.get();
            if (k == null) {
                throw new CredentialException("No AWS credentials found");
            }
            return k;
        };
        RdsIamSource source = new RdsIamSource(config("iam_user", null, "require"), "eu-central-1", flaky, clock);
        try (LogCapture log = new LogCapture()) {
            Credentials first = source.credentials();
            keys.set(null);
            clock.advance(Duration.ofMinutes(11));
            assertSame(first, source.credentials(), "4 minutes left: still used");
            assertTrue(log.all().contains("WARNING Refreshing the RDS IAM token failed (No AWS credentials found)"),
                    log.all());
            assertFalse(log.all().contains(first.password()));
            clock.advance(Duration.ofMinutes(3));
            CredentialException e = assertThrows(CredentialException.class, source::credentials);
            assertEquals("No AWS credentials found", e.getMessage());
        }
    }

    @Test
    void tokenDiesWithTemporaryKeys() throws Exception {
        AwsCredentials shortLived = new AwsCredentials("ASIA", "s", "t", T0.plus(Duration.ofMinutes(8)), "web identity");
        assertEquals(T0.plus(Duration.ofMinutes(8)), source(shortLived).credentials().expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"require", "verify-ca", "verify-full", "REQUIRE"})
    void tlsModesThatAreAccepted(String sslmode) throws Exception {
        RdsIamSource source = new RdsIamSource(config("iam_user", null, sslmode), "eu-central-1", () -> KEYS, clock);
        assertEquals(sslmode, source.config().driverProperties().get("sslmode"), "the driver is asked for TLS as set");
        Credentials c = source.credentials();
        assertEquals("iam_user", c.username());
        assertTrue(c.password().startsWith("mydb.abc123.eu-central-1.rds.amazonaws.com:5433/?"), c.password());
        assertTrue(params(c.password().substring(c.password().indexOf('?') + 1)).containsAll(
                Set.of("Action=connect", "DBUser=iam_user")), c.password());
    }

    @Test
    void withoutTlsItIsAConfigurationError() {
        DatabaseConfigException none = assertThrows(DatabaseConfigException.class,
                () -> RdsIamSource.requireIamReady(config("u", null, null)));
        assertEquals("RDS IAM authentication needs TLS: add sslmode=require (or verify-full) to DATABASE_URL, or set "
                + "DATABASE_SSLMODE=require", none.getMessage());
        DatabaseConfigException prefer = assertThrows(DatabaseConfigException.class,
                () -> RdsIamSource.requireIamReady(config("u", null, "prefer")));
        assertEquals("RDS IAM authentication needs TLS: add sslmode=require (or verify-full) to DATABASE_URL, or set "
                + "DATABASE_SSLMODE=require (sslmode is prefer)", prefer.getMessage());
    }

    @Test
    void userAndNoPasswordAreRequired() {
        DatabaseConfigException noUser = assertThrows(DatabaseConfigException.class,
                () -> RdsIamSource.requireIamReady(config(null, null, "require")));
        assertTrue(noUser.getMessage().startsWith("DATABASE_URL must name the database user"), noUser.getMessage());
        DatabaseConfigException password = assertThrows(DatabaseConfigException.class,
                () -> RdsIamSource.requireIamReady(config("u", "hunter2", "require")));
        assertEquals("DATABASE_URL must not contain a password when DATABASE_IAM_AUTH=true: the password is an RDS IAM "
                + "token; remove it from the URL", password.getMessage());
        assertFalse(password.getMessage().contains("hunter2"));
    }
}
