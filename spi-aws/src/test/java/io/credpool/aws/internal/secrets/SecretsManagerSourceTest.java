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
import io.credpool.aws.internal.auth.CountingKeys;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        fake.serveStages("prod/db", stages::get);
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

    private static final String CURRENT = SecretsManagerClient.CURRENT;
    private static final String PENDING = SecretsManagerClient.PENDING;

    /** The secret document of each stage, for tests that let the fake serve stages. */
    private final Map<String, String> stages = new ConcurrentHashMap<>();

    /** Moves the test's clock and the fake's alike (the fake checks signature age against it). */
    private void advance(Duration by) {
        clock.advance(by);
        fake.serverTime(clock.instant());
    }

    /** How many well-formed requests asked for {@code stage}. */
    private long requests(String stage) {
        return fake.arrivals().stream().filter(a -> a.stage().equals(stage)).count();
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
    void aRefusalRightAfterAFetchIsAnsweredWhenTheRateLimitAllows() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        SecretsManagerSource source = open(Duration.ofHours(1));
        Credentials old = source.credentials();
        source.invalidate(old); // the same instant as the fetch at open: no guess from timing
        assertEquals(PASSWORD_1, source.credentials().password(), "AWSCURRENT is not asked again within a second");
        assertEquals(1, requests(CURRENT));
        assertEquals(1, requests(PENDING), "AWSPENDING is, once; it has no version, which is no error");
        stages.put(CURRENT, secret(PASSWORD_2));
        advance(Duration.ofSeconds(1));
        source.invalidate(old);
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, requests(CURRENT));
        assertEquals(1, requests(PENDING));
        assertFalse(log.all().contains("not found"), log.all());
    }

    @Test
    void aTtlRefreshThatBroughtTheSamePasswordIsRefetchedOnARefusalAfterASecond() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        SecretsManagerSource source = open(Duration.ofMinutes(10));
        advance(Duration.ofMinutes(10));
        Credentials refreshed = source.credentials(); // TTL refresh: still the old password
        assertEquals(PASSWORD_1, refreshed.password());
        assertEquals(2, requests(CURRENT));
        stages.put(CURRENT, secret(PASSWORD_2)); // the rotation lands right after
        source.invalidate(refreshed);
        assertEquals(PASSWORD_1, source.credentials().password(), "at most one fetch a second");
        assertEquals(2, requests(CURRENT));
        advance(Duration.ofSeconds(1));
        source.invalidate(refreshed);
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(3, requests(CURRENT));
        source.invalidate(refreshed); // a connection that still tried the old password
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(3, requests(CURRENT));
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
     * A secret the database keeps refusing, in both stages: four borrowers report the refusal and
     * ask again as fast as they can for 1.5 s of real time. Secrets Manager sees one fetch at a
     * time and at most one a second per stage.
     */
    @Test
    void aRefusedSecretIsFetchedAtMostOnceASecondPerStage() throws Exception {
        fake.serverTime(null);
        stages.put(CURRENT, secret(PASSWORD_1));
        stages.put(PENDING, secret(PASSWORD_2));
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
                        Credentials tried = source.credentials();
                        logins++;
                        source.invalidate(tried); // the database said 28P01
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
        for (String stage : List.of(CURRENT, PENDING)) {
            List<Instant> times = fake.arrivals().stream().filter(a -> a.stage().equals(stage))
                    .map(FakeSecretsManager.Arrival::at).toList();
            assertTrue(times.size() >= 1 && times.size() <= 3, stage + ": at most one a second, got " + times);
            for (int i = 1; i < times.size(); i++) {
                assertTrue(Duration.between(times.get(i - 1), times.get(i)).toMillis() >= 990, stage + ": " + times);
            }
        }
        assertEquals(1, log.matching(m -> m.startsWith("Authentication failed for user 'app' at "
                + "db.internal:5432/streams with credentials from aws-secrets-manager (secret 'prod/db'): the database "
                + "refused AWSCURRENT and AWSPENDING (user 'app')")).size(), "warned once: " + log.all());
        assertNoPassword(log.all());
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
        assertEquals(3, requests(CURRENT));
        assertEquals(1, requests(PENDING), "AWSPENDING is asked for, and denied too");
        assertEquals(1, log.matching(m -> m.startsWith("Reading AWSPENDING of secret 'prod/db' failed (Access denied "
                + "reading secret 'prod/db'")).size(), log.all());
        clock.advance(Duration.ofSeconds(1));
        fake.serverTime(clock.instant());
        CredentialException e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().startsWith("Access denied reading secret 'prod/db'"), e.getMessage());
        assertEquals(4, requests(CURRENT));
        CredentialException again = assertThrows(CredentialException.class, source::credentials);
        assertEquals(e.getMessage(), again.getMessage());
        assertEquals(4, requests(CURRENT), "the failure is repeated, not refetched, within a second");
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

    // ------------------------------------------------------------------ the rotation window

    private static String secret(String user, String password) {
        return secret(password).replace("\"username\":\"app\"", "\"username\":" + SecretsManagerClient.jsonString(user));
    }

    /**
     * A single-user rotation: {@code setSecret} put the pending password in the database before
     * {@code finishSecret} moves AWSCURRENT. The refused current password leads to AWSPENDING, which
     * is kept, without further requests, however many connections still fail with the old one;
     * AWSCURRENT is asked every five seconds and used again once it changed.
     */
    @Test
    void aPasswordStagedAsPendingIsUsedUntilCurrentCatchesUp() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        SecretsManagerSource source = open(Duration.ofHours(1));
        Credentials old = source.credentials();
        stages.put(PENDING, secret(PASSWORD_2));
        advance(Duration.ofSeconds(30));
        source.invalidate(old);
        assertEquals(Credentials.of("app", PASSWORD_2), source.credentials());
        assertEquals(2, requests(CURRENT), "AWSCURRENT asked once more: it still holds the refused password");
        assertEquals(1, requests(PENDING));
        for (int i = 0; i < 20; i++) {
            source.invalidate(old); // connections that logged in with the old password fail one after another
            assertEquals(PASSWORD_2, source.credentials().password());
        }
        assertEquals(2, requests(CURRENT));
        assertEquals(1, requests(PENDING));
        assertTrue(log.all().contains("INFO The database refused the credentials in AWSCURRENT of secret 'prod/db' "
                + "(user 'app'); using AWSPENDING (user 'app'), as during a rotation, and fetching AWSCURRENT every 5 s "
                + "until it changes"), log.all());

        advance(Duration.ofSeconds(4));
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(2, requests(CURRENT));
        advance(Duration.ofSeconds(1));
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(3, requests(CURRENT), "polled after five seconds");

        stages.put(CURRENT, secret(PASSWORD_2)); // finishSecret
        stages.remove(PENDING);
        advance(Duration.ofSeconds(5));
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(4, requests(CURRENT));
        assertTrue(log.all().contains("INFO AWSCURRENT of secret 'prod/db' now holds other credentials than the ones "
                + "the database refused; using AWSCURRENT again"), log.all());
        advance(Duration.ofMinutes(30));
        assertEquals(PASSWORD_2, source.credentials().password());
        assertEquals(5, requests(CURRENT), "one poll more, then the TTL again");
        assertEquals(1, requests(PENDING));
        assertFalse(log.all().contains("WARNING"), log.all());
        assertNoPassword(log.all());
    }

    /** An alternating-users rotation: the pending version names the other user, and it is used as it is. */
    @Test
    void aPendingVersionForTheOtherUserIsUsedAsItIs() throws Exception {
        stages.put(CURRENT, secret("app", PASSWORD_1));
        SecretsManagerSource source = open(Duration.ofHours(1));
        Credentials old = source.credentials();
        stages.put(PENDING, secret("app_clone", PASSWORD_2));
        advance(Duration.ofSeconds(2));
        source.invalidate(old);
        assertEquals(Credentials.of("app_clone", PASSWORD_2), source.credentials());
        source.invalidate(old);
        assertEquals(Credentials.of("app_clone", PASSWORD_2), source.credentials());
        stages.put(CURRENT, secret("app_clone", PASSWORD_2));
        advance(Duration.ofSeconds(5));
        assertEquals(Credentials.of("app_clone", PASSWORD_2), source.credentials());
        assertTrue(log.all().contains("using AWSCURRENT again"), log.all());
        assertEquals("db.internal:5432/streams", source.config().target());
    }

    /**
     * Both stages refused: the credentials are handed out again so that the login fails at once, a
     * warning names user, target, provider and secret (once), and each refusal after a second asks
     * both stages again: a database fixed to accept either is picked up.
     */
    @Test
    void whenTheDatabaseRefusesBothStagesTheLoginFailsAndBothAreAskedAgainLater() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        stages.put(PENDING, secret(PASSWORD_2));
        SecretsManagerSource source = open(Duration.ofHours(1));
        advance(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            Credentials tried = source.credentials();
            source.invalidate(tried);
        }
        assertEquals(2, requests(CURRENT), "at most one a second");
        assertEquals(1, requests(PENDING));
        List<String> warnings = log.messagesAt(java.util.logging.Level.WARNING);
        assertEquals(List.of("Authentication failed for user 'app' at db.internal:5432/streams with credentials from "
                + "aws-secrets-manager (secret 'prod/db'): the database refused AWSCURRENT and AWSPENDING (user 'app')"
                + ". Fix the secret or the database password; Secrets Manager is asked again at most once a second"),
                warnings);
        advance(Duration.ofSeconds(1));
        Credentials tried = source.credentials();
        source.invalidate(tried);
        source.invalidate(source.credentials());
        assertEquals(3, requests(CURRENT));
        assertEquals(2, requests(PENDING));
        assertNoPassword(log.all());
    }

    /**
     * What borrowers read after a refused login ({@code describe}): the secret id always, the stage
     * while only {@code AWSCURRENT} was refused, and that both stages were once {@code AWSPENDING}
     * was refused too; never a password.
     */
    @Test
    void theDescriptionOfARefusalNamesTheSecretAndTheStagesRefused() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        stages.put(PENDING, secret(PASSWORD_2));
        SecretsManagerSource source = open(Duration.ofHours(1));
        advance(Duration.ofSeconds(2));
        Credentials current = source.credentials();
        assertEquals("secret 'prod/db', AWSCURRENT", source.describe(current));

        source.invalidate(current);
        Credentials pending = source.credentials();
        assertEquals(PASSWORD_2, pending.password());
        String both = "secret 'prod/db': the database refused AWSCURRENT and AWSPENDING (user 'app')";
        assertEquals(both, source.describe(pending), "AWSPENDING is tried only once AWSCURRENT was refused");

        source.invalidate(pending);
        Credentials handedOutAgain = source.credentials();
        assertEquals(PASSWORD_1, handedOutAgain.password());
        assertEquals(both, source.describe(handedOutAgain));
        assertNoPassword(source.describe(handedOutAgain));

        stages.remove(PENDING);
        advance(Duration.ofSeconds(2));
        source.invalidate(handedOutAgain);
        Credentials alone = source.credentials();
        assertEquals("secret 'prod/db': the database refused AWSCURRENT, and no other AWSPENDING version exists",
                source.describe(alone));
    }

    @Test
    void noPendingVersionIsQuietAndTheRefusedPasswordIsHandedOutAgain() throws Exception {
        stages.put(CURRENT, secret(PASSWORD_1));
        SecretsManagerSource source = open(Duration.ofHours(1));
        advance(Duration.ofSeconds(2));
        source.invalidate(source.credentials());
        assertEquals(PASSWORD_1, source.credentials().password());
        assertEquals(1, requests(PENDING));
        assertEquals(List.of("Authentication failed for user 'app' at db.internal:5432/streams with credentials from "
                + "aws-secrets-manager (secret 'prod/db'): the database refused AWSCURRENT, and no other AWSPENDING "
                + "version exists. Fix the secret or the database password; Secrets Manager is asked again at most "
                + "once a second"), log.messagesAt(java.util.logging.Level.WARNING));
        assertFalse(log.all().contains("not found"), log.all());
    }

    @Test
    void anotherConfiguredStageIsReadAloneWithoutPending() throws Exception {
        stages.put("AWSPREVIOUS", secret(PASSWORD_1));
        stages.put(PENDING, secret(PASSWORD_2));
        SecretsManagerClient client = new SecretsManagerClient(fake.uri(), "eu-west-1", () -> KEYS,
                AwsHttp.client(), clock, Duration.ofSeconds(2), Duration.ofMillis(5));
        SecretsManagerSource source = SecretsManagerSource.open(client, "prod/db", "AWSPREVIOUS", Duration.ofHours(1),
                clock, SIMPLE);
        advance(Duration.ofSeconds(2));
        source.invalidate(source.credentials());
        assertEquals(PASSWORD_1, source.credentials().password());
        assertEquals(2, requests("AWSPREVIOUS"));
        assertEquals(0, requests(PENDING));
    }

    /**
     * {@code forget()} (a checkpoint): both stages and the AWS keys are dropped at once; the next
     * call fetches AWSCURRENT, and a failure then is an error, never the credentials from before.
     */
    @Test
    void forgetDropsBothStagesAndTheKeys() throws Exception {
        CountingKeys keys = new CountingKeys(KEYS);
        stages.put(CURRENT, secret(PASSWORD_1));
        stages.put(PENDING, secret(PASSWORD_2));
        SecretsManagerClient client = new SecretsManagerClient(fake.uri(), "eu-west-1", keys,
                AwsHttp.client(), clock, Duration.ofSeconds(2), Duration.ofMillis(5));
        SecretsManagerSource source = SecretsManagerSource.open(client, "prod/db", null, Duration.ofHours(1), clock,
                SIMPLE);
        advance(Duration.ofSeconds(2));
        source.invalidate(source.credentials());
        assertEquals(PASSWORD_2, source.credentials().password(), "on AWSPENDING");

        source.forget();
        assertEquals(1, keys.dropped());
        stages.put(CURRENT, secret("restored-pw"));
        assertEquals("restored-pw", source.credentials().password(), "AWSCURRENT fetched at once, whatever the time");
        assertEquals(3, requests(CURRENT));

        source.forget();
        stages.remove(CURRENT);
        CredentialException e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().startsWith("Secret 'prod/db' was not found"), e.getMessage());
        assertNoPassword(log.all());
    }
}
