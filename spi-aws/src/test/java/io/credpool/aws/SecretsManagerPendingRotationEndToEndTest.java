package io.credpool.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.Environment;
import io.credpool.aws.internal.secrets.FakeSecretsManager.Arrival;
import io.credpool.aws.internal.secrets.SecretsManagerSource;
import io.credpool.testkit.BorrowLoad;
import io.credpool.testkit.BorrowLoad.Failure;
import io.credpool.testkit.LogCapture;
import java.nio.file.Path;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's rotation acceptance, end to end, as AWS's rotation functions run it: the new version
 * is staged as {@code AWSPENDING} ({@code createSecret}), the database takes its password
 * ({@code setSecret}), and only after the window does {@code AWSCURRENT} move to it
 * ({@code finishSecret}). Sixteen threads borrow without pause while every session of the pool is
 * terminated every two seconds, so new logins are needed all through the window: no borrow fails,
 * and Secrets Manager sees at most one request a second per stage. After {@code finishSecret} the
 * source returns to {@code AWSCURRENT} within its poll interval (plus the time until the next new
 * login asks). Then a secret that is simply wrong in both stages fails every borrow at once (none
 * waits for {@code pool_timeout}) with the authentication message naming the secret id, still at
 * most one request a second per stage.
 *
 * <p>The window lasts 20 s, as the issue says; {@code -Dcredpool.e2e.rotationWindowSeconds=N}
 * shortens it.
 */
class SecretsManagerPendingRotationEndToEndTest {

    private static final int BORROWERS = 16;
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("credpool.e2e.rotationWindowSeconds", 20));
    private static final Duration KILL_EVERY = Duration.ofSeconds(2);
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(5);
    /** The rate limit's one second, less what two reads of the system clock may differ by. */
    private static final Duration MIN_GAP = Duration.ofMillis(990);

    @TempDir
    Path home;

    /** One user whose password changes: the database accepts only the pending password in the window. */
    @Test
    void aSingleUserRotationCostsNoBorrowInItsWindow() throws Exception {
        run(false);
    }

    /**
     * The pending version names the other user (alternating-users rotation). In the window the
     * current user's login is refused too (its password changed or the user locked), so the pool
     * must log in as the pending version's user.
     */
    @Test
    void anAlternatingUsersRotationCostsNoBorrowInItsWindow() throws Exception {
        run(true);
    }

    private void run(boolean alternating) throws Exception {
        String before = EndToEnd.password();
        String after = EndToEnd.password();
        try (EndToEnd e2e = new EndToEnd(before); LogCapture log = new LogCapture()) {
            String next = alternating ? e2e.role + "_clone" : e2e.role;
            String unknown = EndToEnd.password();
            e2e.alsoSecret(unknown);
            if (alternating) {
                e2e.cluster.createRole(next, unknown);
            }
            Environment env = Environment.of(e2e.environment(home,
                    "DATABASE_POOL_TIMEOUT", Long.toString(POOL_TIMEOUT.toSeconds())));
            Instant windowStart;
            Instant finished;
            Instant wrongAt;
            List<Arrival> arrivals;
            long returnMillis;
            BorrowLoad load;
            try (ConnectionPool pool = Database.open(env)) {
                try (BorrowLoad running = BorrowLoad.start(pool, BORROWERS, e2e.cluster, KILL_EVERY, e2e.role, next)) {
                    load = running;
                    Thread.sleep(1_500);
                    assertEquals("", load.describeFailures(), "no borrow fails before the rotation");

                    // createSecret, then setSecret: the database accepts only the pending password.
                    e2e.stage(EndToEnd.PENDING, next, after);
                    windowStart = Instant.now();
                    e2e.cluster.changePassword(next, after);
                    if (alternating) {
                        e2e.cluster.changePassword(e2e.role, unknown);
                    }
                    Thread.sleep(WINDOW.toMillis());
                    Instant windowEnd = Instant.now();

                    // finishSecret: AWSCURRENT moves to the new version.
                    e2e.stage(EndToEnd.CURRENT, next, after);
                    e2e.unstage(EndToEnd.PENDING);
                    finished = Instant.now();
                    returnMillis = waitForReturn(log, finished);
                    Thread.sleep(1_000);
                    arrivals = e2e.fake.arrivals();
                    List<Arrival> inWindow = arrivals.stream()
                            .filter(a -> !a.at().isBefore(windowStart) && a.at().isBefore(windowEnd)).toList();
                    System.out.println((alternating ? "alternating users" : "single user") + " rotation window of "
                            + WINDOW.toSeconds() + " s: " + load.borrows() + " borrows, " + load.failures().size()
                            + " failed, " + load.killed() + " sessions terminated (" + load.killedInUse()
                            + " while lent); GetSecretValue in the window: " + count(inWindow, EndToEnd.CURRENT)
                            + " AWSCURRENT, " + count(inWindow, EndToEnd.PENDING) + " AWSPENDING; back on AWSCURRENT "
                            + returnMillis + " ms after finishSecret");
                    assertEquals("", load.describeFailures(), "no borrow fails in the rotation window");
                    assertTrue(count(inWindow, EndToEnd.PENDING) >= 1, "AWSPENDING was read: " + inWindow);

                    // A secret that is simply wrong: neither stage holds the password the database takes.
                    String wrongCurrent = EndToEnd.password();
                    String wrongPending = EndToEnd.password();
                    e2e.stage(EndToEnd.CURRENT, next, wrongCurrent);
                    e2e.stage(EndToEnd.PENDING, next, wrongPending);
                    wrongAt = Instant.now();
                    e2e.cluster.changePassword(next, EndToEnd.password());
                    Thread.sleep(3_000);
                }
                e2e.assertNoSecretIn("pool.toString()", pool.toString());
            }
            arrivals = e2e.fake.arrivals();

            assertTrue(load.killed() >= WINDOW.toSeconds() / KILL_EVERY.toSeconds(), "sessions terminated: " + load.killed());
            assertTrue(load.borrows() > 1_000, "borrows: " + load.borrows());
            assertTrue(returnMillis <= SecretsManagerSource.PENDING_POLL.plus(KILL_EVERY).plusSeconds(1).toMillis(),
                    "back on AWSCURRENT within the poll interval and the next login: " + returnMillis + " ms");
            for (String stage : List.of(EndToEnd.CURRENT, EndToEnd.PENDING)) {
                List<Instant> times = arrivals.stream().filter(a -> a.stage().equals(stage)).map(Arrival::at).toList();
                for (int i = 1; i < times.size(); i++) {
                    Duration gap = Duration.between(times.get(i - 1), times.get(i));
                    assertTrue(gap.compareTo(MIN_GAP) >= 0, stage + " requests " + gap.toMillis() + " ms apart: "
                            + times);
                }
            }
            assertEquals(List.of(), e2e.fake.problems(), "every request well-formed and signed");

            List<Failure> wrong = load.failures().stream().filter(f -> !f.at().isBefore(wrongAt)).toList();
            assertFalse(wrong.isEmpty(), "borrows fail once the secret is wrong");
            assertEquals(load.failures().size(), wrong.size(), "no borrow failed before: " + load.describeFailures());
            String message = "Authentication failed for user '" + next + "' at " + e2e.target()
                    + " with credentials from aws-secrets-manager";
            String named = message + " (secret '" + EndToEnd.SECRET_ID + "'";
            String both = named + ": the database refused AWSCURRENT and AWSPENDING";
            // With no connection open, a refused login fails every borrower waiting at once; each
            // failure is the authentication failure itself, naming the secret. The first ones
            // name the stage refused alone (AWSCURRENT, then AWSPENDING), until the source has
            // seen both refused.
            long refusedBoth = 0;
            for (Failure f : wrong) {
                String text = String.valueOf(f.error().getMessage());
                assertTrue(f.error() instanceof SQLInvalidAuthorizationSpecException && text.startsWith(named),
                        () -> "the authentication message, naming the secret: " + LogCapture.stackTrace(f.error()));
                refusedBoth += text.startsWith(both) ? 1 : 0;
                assertTrue(f.millis() <= POOL_TIMEOUT.toMillis(), "failed within pool_timeout: " + f.millis() + " ms");
                e2e.assertNoSecretIn("a borrow failure", f.error());
            }
            long[] millis = wrong.stream().mapToLong(Failure::millis).sorted().toArray();
            List<Arrival> afterWrong = arrivals.stream().filter(a -> !a.at().isBefore(wrongAt)).toList();
            System.out.println("wrong secret: " + wrong.size() + " borrows failed in 3 s, all at once with the "
                    + "authentication message naming the secret (" + refusedBoth + " saying both stages were "
                    + "refused), none at pool_timeout; median " + millis[millis.length / 2] + " ms, slowest "
                    + millis[millis.length - 1] + " ms; GetSecretValue: " + count(afterWrong, EndToEnd.CURRENT)
                    + " AWSCURRENT, " + count(afterWrong, EndToEnd.PENDING) + " AWSPENDING");
            assertTrue(refusedBoth > 0, "some failures say both stages were refused");
            List<LogRecord> warned = log.matching(m -> m.startsWith(message + " (secret '" + EndToEnd.SECRET_ID
                    + "'): the database refused AWSCURRENT and AWSPENDING"));
            assertFalse(warned.isEmpty(), log::all);
            e2e.assertNoSecretIn("the log", log.everything());
        }
    }

    /** Waits until the source says it uses AWSCURRENT again; how long after {@code finished} it said so. */
    private static long waitForReturn(LogCapture log, Instant finished) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<LogRecord> back = log.matching(m -> m.contains("now holds other credentials than the ones the "
                    + "database refused; using AWSCURRENT again"));
            if (!back.isEmpty()) {
                return Duration.between(finished, back.get(0).getInstant()).toMillis();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the source did not return to AWSCURRENT within 20 s:\n" + log.all());
    }

    private static long count(List<Arrival> arrivals, String stage) {
        return arrivals.stream().filter(a -> a.stage().equals(stage)).count();
    }
}
