package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.BorrowLoad;
import io.credpool.testkit.BorrowLoad.Failure;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgCluster;
import java.nio.file.Path;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's rotation acceptance for {@code secret-file}, end to end: sixteen threads borrow while
 * every session of the pool is terminated every two seconds. A file holds one password, so unlike
 * Secrets Manager's {@code AWSPENDING} there is nothing to fall back on while the database has
 * changed and the file not yet: borrows fail fast in that gap, and the file is read again at most
 * once a second. Once it is rewritten, it is picked up at once (the next login's {@code stat} sees
 * it) and no borrow fails. Then a file that is simply wrong fails borrows at once with the
 * authentication message naming the file, still reading at most once a second.
 */
class SecretFileRotationEndToEndTest {

    private static final int BORROWERS = 16;
    private static final Duration KILL_EVERY = Duration.ofSeconds(2);
    /** How long after the database the file is rewritten, as a secret syncer would. */
    private static final Duration GAP = Duration.ofSeconds(3);
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(5);
    private static final String READ_AGAIN = "Read database credentials again from secret file";

    private final PgCluster cluster = PgCluster.shared();

    @TempDir
    Path dir;

    @Test
    void aRewrittenFileIsPickedUpAtOnceAndAnUnchangedOneReadAtMostOnceASecond() throws Exception {
        Path file = dir.resolve("db-secret.json");
        String role = PostgresRoles.newRole(cluster, "file_e2e");
        String after = "file-rotated-" + PostgresRoles.PASSWORD;
        String wrong = "file-wrong-" + PostgresRoles.PASSWORD;
        PostgresRoles.writeSecret(cluster, file, role, PostgresRoles.PASSWORD);
        Environment env = Environment.of(Map.of("APP_ENV", "test", "DATABASE_SECRET_FILE", file.toString(),
                "DATABASE_POOL_TIMEOUT", Long.toString(POOL_TIMEOUT.toSeconds())));
        Instant changed;
        Instant rewritten;
        Instant wrongAt;
        BorrowLoad load;
        try (LogCapture log = new LogCapture()) {
            try (ConnectionPool pool = Database.open(env);
                 BorrowLoad running = BorrowLoad.start(pool, BORROWERS, cluster, KILL_EVERY, role)) {
                load = running;
                Thread.sleep(2_000);
                assertEquals("", load.describeFailures(), "no borrow fails before the rotation");

                changed = Instant.now();
                cluster.changePassword(role, after);
                Thread.sleep(GAP.toMillis());
                rewritten = Instant.now();
                PostgresRoles.writeSecret(cluster, file, role, after);
                Thread.sleep(KILL_EVERY.toMillis() + 1_500);

                wrongAt = Instant.now();
                PostgresRoles.writeSecret(cluster, file, role, wrong);
                Thread.sleep(3_000);
            }

            List<Instant> reads = log.matching(m -> m.startsWith(READ_AGAIN)).stream().map(LogRecord::getInstant).toList();
            List<Instant> inGap = between(reads, changed, rewritten);
            List<Failure> failures = load.failures();
            List<Failure> gapFailures = failures.stream().filter(f -> f.at().isBefore(rewritten)).toList();
            Instant firstReadAfter = reads.stream().filter(r -> !r.isBefore(rewritten)).findFirst().orElseThrow();
            long pickedUp = Duration.between(rewritten, firstReadAfter).toMillis();
            List<Failure> wrongFailures = failures.stream().filter(f -> !f.at().isBefore(wrongAt)).toList();
            long[] wrongMillis = wrongFailures.stream().mapToLong(Failure::millis).sorted().toArray();
            System.out.println("secret-file rotation: " + load.borrows() + " borrows, " + load.killed()
                    + " sessions terminated; database changed " + GAP.toMillis() + " ms before the file: "
                    + gapFailures.size() + " borrows failed in the gap, " + inGap.size() + " reads of the unchanged "
                    + "file; the rewritten file read " + pickedUp + " ms after it was written; wrong file: "
                    + wrongFailures.size() + " borrows failed in 3 s (median " + median(wrongMillis) + " ms, slowest "
                    + (wrongMillis.length == 0 ? 0 : wrongMillis[wrongMillis.length - 1]) + " ms), "
                    + between(reads, wrongAt, Instant.MAX).size() + " reads");

            assertTrue(inGap.size() >= 1 && inGap.size() <= GAP.toSeconds() + 1, "reads in the gap: " + inGap);
            assertAtMostOneASecond(reads);
            assertTrue(pickedUp < 500, "the rewritten file is read at once, not after a rate limit: " + pickedUp + " ms");
            List<Failure> afterRewrite = failures.stream()
                    .filter(f -> f.at().isAfter(rewritten.plusMillis(500)) && f.at().isBefore(wrongAt)).toList();
            assertEquals(List.of(), afterRewrite, "no borrow fails once the file is rewritten");

            assertFalse(wrongFailures.isEmpty(), "borrows fail once the file is wrong");
            // No connection is open (the killer ends them), so every waiting borrower hears the
            // refused login at once: the authentication failure itself, naming the file.
            String message = "Authentication failed for user '" + role + "' at " + PostgresRoles.target(cluster, role)
                    + " with credentials from secret-file (file " + file + ")";
            for (Failure f : wrongFailures) {
                String text = String.valueOf(f.error().getMessage());
                assertTrue(f.error() instanceof SQLInvalidAuthorizationSpecException && text.startsWith(message),
                        () -> "the authentication message: " + LogCapture.stackTrace(f.error()));
                assertTrue(f.millis() <= POOL_TIMEOUT.toMillis(), "within pool_timeout: " + f.millis() + " ms");
                assertFalse(text.contains(wrong) || text.contains(after), "no password in: " + text);
            }
            log.assertNeverContains(PostgresRoles.PASSWORD);
        }
    }

    private static long median(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static List<Instant> between(List<Instant> times, Instant from, Instant to) {
        return times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).toList();
    }

    /** Reads of an unchanged file come at least a second apart (a rewrite may come sooner). */
    private static void assertAtMostOneASecond(List<Instant> reads) {
        int closer = 0;
        for (int i = 1; i < reads.size(); i++) {
            if (Duration.between(reads.get(i - 1), reads.get(i)).toMillis() < 990) {
                closer++;
            }
        }
        assertTrue(closer <= 2, "only the two rewrites may be read within a second of the read before: " + reads);
    }
}
