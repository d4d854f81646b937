package io.credpool.aws.internal.secrets;

import static io.credpool.aws.internal.secrets.FakeSecretsManager.error;
import static io.credpool.aws.internal.secrets.FakeSecretsManager.secretString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfigException;
import io.credpool.DatabaseSecret;
import io.credpool.Environment;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Caching, TTL, invalidation and shared refetches of the Secrets Manager source, against the fake. */
class SecretsManagerSourceTest {

    private static final AwsCredentials KEYS = AwsCredentials.of("AKIASOURCE", "source/secret");
    private static final String PASSWORD_1 = "first p@ss:/?#%&= \u00e9";
    private static final String PASSWORD_2 = "second p@ss:/?#%&= \u00fc";

    /** Core's reading of a secret document, without DATABASE_<KEY> variables. */
    static final SecretsManagerSource.Interpreter SIMPLE =
            text -> DatabaseSecret.parse(text).toConfig(Environment.of(Map.of()));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-06-01T00:00:00Z"));
    private FakeSecretsManager fake;
    private LogCapture log;

    @BeforeEach
    void start() {
        fake = FakeSecretsManager.http("eu-west-1").accept(KEYS).serverTime(clock.instant());
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        fake.close();
        log.close();
    }

    private static String secret(String password) {
        return "{\"host\":\"db.internal\",\"port\":5432,\"username\":\"app\",\"password\":"
                + SecretsManagerClient.jsonString(password) + ",\"dbname\":\"streams\"}";
    }

    private SecretsManagerSource open(Duration ttl) throws CredentialException {
        SecretsManagerClient client = new SecretsManagerClient(fake.uri(), "eu-west-1", () -> KEYS,
                AwsHttp.client(), clock, Duration.ofSeconds(2), Duration.ofMillis(5));
        return SecretsManagerSource.open(client, "prod/db", null, ttl, clock, SIMPLE);
    }

    private void assertNoPassword(String text) {
        assertFalse(text.contains(PASSWORD_1), text);
        assertFalse(text.contains(PASSWORD_2), text);
    }

    @Test
    void opensWithTheTargetAndLogsTheSeedLines() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)));
        SecretsManagerSource source = open(Duration.ofHours(1));
        assertEquals("db.internal:5432/streams", source.config().target());
        assertEquals(Credentials.of("app", PASSWORD_1), source.credentials());
        assertNull(source.credentials().expiresAt());
        assertEquals(List.of("INFO Retrieving database credentials from AWS Secrets Manager: prod/db",
                "INFO Successfully retrieved database credentials for db.internal:5432/streams"), log.lines());
        assertEquals(1, fake.count());
        assertNoPassword(source.toString());
        assertNoPassword(log.all());
        assertEquals(List.of(), fake.problems());
    }

    @Test
    void cachedForTheTtlThenFetchedAgain() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db", secret(PASSWORD_2)));
        SecretsManagerSource source = open(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        fake.serverTime(clock.instant());
        assertEquals(PASSWORD_1, source.credentials().password());
        assertEquals(1, fake.count());
        clock.advance(Duration.ofMinutes(1));
        fake.serverTime(clock.instant());
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, fake.count());
    }

    @Test
    void zeroTtlKeepsCredentialsUntilInvalidated() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db", secret(PASSWORD_2)));
        SecretsManagerSource source = open(Duration.ZERO);
        clock.advance(Duration.ofDays(30));
        fake.serverTime(clock.instant());
        assertEquals(PASSWORD_1, source.credentials().password());
        source.invalidate();
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, fake.count());
    }

    @Test
    void invalidateRefetchesButNotRightAfterAFetch() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db", secret(PASSWORD_2)));
        SecretsManagerSource source = open(Duration.ofHours(1));
        source.invalidate(); // same instant as the fetch: concerns an older password
        assertEquals(PASSWORD_1, source.credentials().password());
        assertEquals(1, fake.count());
        clock.advance(Duration.ofSeconds(5));
        source.invalidate();
        source.invalidate();
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, fake.count());
    }

    @Test
    void aTtlRefreshThatBroughtTheSamePasswordIsRefetchedOnInvalidationAfterASecond() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db", secret(PASSWORD_1)),
                secretString("prod/db", secret(PASSWORD_2)));
        SecretsManagerSource source = open(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        fake.serverTime(clock.instant());
        assertEquals(PASSWORD_1, source.credentials().password()); // TTL refresh: still the old password
        assertEquals(2, fake.count());
        source.invalidate(); // the rotation lands right after: the refreshed password is refused
        assertEquals(PASSWORD_1, source.credentials().password(), "at most one fetch a second");
        assertEquals(2, fake.count());
        clock.advance(Duration.ofSeconds(1));
        source.invalidate();
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(3, fake.count());
        source.invalidate(); // right after a fetch that changed the password: concerns the old one
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(3, fake.count());
    }

    @Test
    void refusalsOfCredentialsAlreadyReplacedFetchNothingWhateverTheTime() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db", secret(PASSWORD_2)));
        SecretsManagerSource source = open(Duration.ofHours(1));
        Credentials old = source.credentials();
        clock.advance(Duration.ofSeconds(5));
        source.invalidate(old);
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, fake.count());
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(2));
            fake.serverTime(clock.instant());
            source.invalidate(old); // connections that logged in with the old password fail one after another
            assertEquals(PASSWORD_2, source.credentials().password());
        }
        assertEquals(2, fake.count(), "no fetch for a password the source no longer holds");
    }

    @Test
    void concurrentInvalidationsShareOneFetch() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)));
        fake.enqueue(secretString("prod/db", secret(PASSWORD_2)).after(Duration.ofMillis(300)));
        fake.otherwise(r -> secretString("prod/db", secret("unexpected third fetch")));
        SecretsManagerSource source = open(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Credentials>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    source.invalidate();
                    return source.credentials();
                }));
            }
            start.countDown();
            for (Future<Credentials> f : results) {
                assertEquals(PASSWORD_2, f.get().password());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, fake.count());
    }

    /**
     * A secret the database keeps refusing: four borrowers invalidate and ask again as fast as they
     * can for 1.5 s of real time. Secrets Manager sees one fetch at a time and at most one a second.
     */
    @Test
    void aRefusedSecretIsFetchedAtMostOnceASecond() throws Exception {
        fake.serverTime(null);
        fake.otherwise(r -> secretString("prod/db", secret(PASSWORD_1)).after(Duration.ofMillis(20)));
        SecretsManagerClient client = new SecretsManagerClient(fake.uri(), "eu-west-1", () -> KEYS,
                AwsHttp.client(), java.time.Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofMillis(5));
        SecretsManagerSource source = SecretsManagerSource.open(client, "prod/db", null, Duration.ofHours(1),
                java.time.Clock.systemUTC(), SIMPLE);
        ExecutorService borrowers = Executors.newFixedThreadPool(4);
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        try {
            List<Future<Integer>> loops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loops.add(borrowers.submit(() -> {
                    int logins = 0;
                    while (System.nanoTime() < end) {
                        assertEquals(PASSWORD_1, source.credentials().password());
                        logins++;
                        source.invalidate(); // the database said 28P01
                    }
                    return logins;
                }));
            }
            int logins = 0;
            for (Future<Integer> f : loops) {
                logins += f.get();
            }
            assertTrue(logins > 20, "the borrowers kept trying: " + logins);
        } finally {
            borrowers.shutdownNow();
        }
        assertTrue(fake.count() <= 3, "1 at open + at most one a second, got " + fake.count());
        assertEquals(List.of(), fake.problems());
    }

    @Test
    void failedTtlRefreshKeepsTheCachedCredentials() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)));
        fake.otherwise(r -> error(400, "AccessDeniedException", "not authorized"));
        SecretsManagerSource source = open(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(11));
        fake.serverTime(clock.instant());
        assertEquals(PASSWORD_1, source.credentials().password());
        assertEquals(2, fake.count());
        assertTrue(log.all().contains("WARNING Refreshing database credentials from AWS Secrets Manager failed (Access "
                + "denied reading secret 'prod/db'"), log.all());
        clock.advance(Duration.ofSeconds(29));
        source.credentials();
        assertEquals(2, fake.count(), "no new attempt within 30 s");
        clock.advance(Duration.ofSeconds(1));
        source.credentials();
        assertEquals(3, fake.count());

        source.invalidate();
        assertEquals(PASSWORD_1, source.credentials().password(), "within a second of the last fetch: no new one");
        assertEquals(3, fake.count());
        clock.advance(Duration.ofSeconds(1));
        fake.serverTime(clock.instant());
        CredentialException e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().startsWith("Access denied reading secret 'prod/db'"), e.getMessage());
        assertEquals(4, fake.count());
        CredentialException again = assertThrows(CredentialException.class, source::credentials);
        assertEquals(e.getMessage(), again.getMessage());
        assertEquals(4, fake.count(), "the failure is repeated, not refetched, within a second");
    }

    @Test
    void secretWithMissingFields() throws Exception {
        fake.enqueue(secretString("prod/db", "{\"username\":\"app\",\"password\":" + SecretsManagerClient.jsonString(PASSWORD_1)
                + ",\"port\":5432}"));
        DatabaseConfigException atOpen = assertThrows(DatabaseConfigException.class, () -> open(Duration.ofHours(1)));
        assertEquals("Secret is missing required fields: host, dbname", atOpen.getMessage());
        assertEquals(1, fake.count());

        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)));
        fake.enqueue(secretString("prod/db", "{\"host\":\"db.internal\",\"password\":"
                + SecretsManagerClient.jsonString(PASSWORD_2) + "}"));
        SecretsManagerSource source = open(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(5));
        source.invalidate();
        CredentialException later = assertThrows(CredentialException.class, source::credentials);
        assertEquals("The secret 'prod/db' cannot be used: Secret is missing required fields: username, dbname",
                later.getMessage());
        assertNoPassword(later.getMessage());
        assertNoPassword(log.all());
    }

    @Test
    void aSecretThatMovedIsReportedNotFollowed() throws Exception {
        fake.enqueue(secretString("prod/db", secret(PASSWORD_1)), secretString("prod/db",
                secret(PASSWORD_2).replace("db.internal", "db2.internal")));
        SecretsManagerSource source = open(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(5));
        source.invalidate();
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals("db.internal:5432/streams", source.config().target());
        assertTrue(log.all().contains("WARNING The secret 'prod/db' now points at db2.internal:5432/streams; this pool "
                + "keeps connecting to db.internal:5432/streams until it is rebuilt"), log.all());
        assertSame(source.config(), source.config());
    }
}
