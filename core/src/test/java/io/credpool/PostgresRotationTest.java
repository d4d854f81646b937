package io.credpool;

import static io.credpool.PostgresPoolTest.sleep;
import static io.credpool.PostgresRoles.PASSWORD;
import static io.credpool.testkit.Poll.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.internal.provider.SecretFileProvider;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password rotation under load: {@code ALTER ROLE} to a new password and rewrite the secret file,
 * then make the pool open new connections. No borrow may fail.
 */
class PostgresRotationTest {

    private static final String NEW_PASSWORD = "n3w-" + PASSWORD;

    private final PgCluster cluster = PgCluster.shared();

    @TempDir
    Path dir;

    @Test
    void withTheSecretFileProvider() throws Exception {
        Path file = dir.resolve("secret.json");
        String role = PostgresRoles.newRole(cluster, "rotate");
        PostgresRoles.writeSecret(cluster, file, role, PASSWORD);
        CredentialSource real = new SecretFileProvider()
                .open(Environment.of(Map.of("DATABASE_SECRET_FILE", file.toString())));
        rotateUnderLoad(new Counting(real), file, role, "secret-file");
    }

    /** A source that reads the file only when invalidated, so the new password is learnt the hard way. */
    @Test
    void withASourceThatRereadsOnlyAfterAnInvalidate() throws Exception {
        Path file = dir.resolve("secret.json");
        String role = PostgresRoles.newRole(cluster, "rotate_inv");
        PostgresRoles.writeSecret(cluster, file, role, PASSWORD);
        CredentialSource real = new SecretFileProvider()
                .open(Environment.of(Map.of("DATABASE_SECRET_FILE", file.toString())));
        Counting lazy = new Counting(real) {
            private volatile Credentials cached;

            @Override
            public Credentials credentials() throws SQLException {
                Credentials c = cached;
                if (c == null) {
                    c = super.credentials();
                    cached = c;
                }
                return c;
            }

            @Override
            public void invalidate() {
                cached = null;
                super.invalidate();
            }
        };
        int invalidations = rotateUnderLoad(lazy, file, role, "lazy-file");
        assertTrue(invalidations >= 1, "the rejected login invalidated the source");
    }

    /** Returns how many times the source was invalidated. */
    private int rotateUnderLoad(Counting source, Path file, String role, String provider) throws Exception {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger borrows = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (LogCapture log = new LogCapture();
             ConnectionPool pool = ConnectionPool.builder().credentials(source).provider(provider)
                     .maxSize(5).acquireTimeout(Duration.ofSeconds(10)).build()) {
            List<Thread> threads = new ArrayList<>();
            Runnable load = () -> {
                while (running.get()) {
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("select pg_sleep(0.005)")) {
                        rs.next();
                        borrows.incrementAndGet();
                    } catch (SQLException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            };
            try {
                for (int t = 0; t < 5; t++) {
                    threads.add(start(load));
                }
                long created = settled(pool);

                cluster.changePassword(role, NEW_PASSWORD);
                PostgresRoles.writeSecret(cluster, file, role, NEW_PASSWORD);
                sleep(200);
                assertEquals(created, pool.stats().created(), "no connection was opened during the switch");

                // More borrowers and room for them: the pool must open new ones with the new password.
                // (It starts at 5, full: with room for 10, brief waits under contention could make it
                // open 8 or more for 5 borrowers, and then there was no room left for 3 new logins.)
                pool.resize(10);
                for (int t = 0; t < 5; t++) {
                    threads.add(start(load));
                }
                if (!within(Duration.ofSeconds(10), "new connections", () -> pool.stats().created() >= created + 3)) {
                    throw new AssertionError("no new connection within 10 s of the rotation: " + pool.stats() + ", "
                            + pool.health() + ", " + source.invalidations.get() + " invalidations, "
                            + backends() + " backends on the server, failed borrows: " + failures);
                }
                sleep(300);
                stop(running, threads);
                // No borrow may fail, so there is no recovery to time: recovery=0 with failedBorrows=0.
                Reliability.report("rotation-" + provider, 0, failures.size());
                assertTrue(failures.isEmpty(), () -> "borrows failed: " + failures);
                assertTrue(borrows.get() > 0);
                assertEquals(0, pool.stats().failedConnects());
                assertTrue(source.invalidations.get() <= 5, "at most one invalidate per new connection");
                log.assertNeverContains(PASSWORD);
                log.assertNeverContains(NEW_PASSWORD);
                return source.invalidations.get();
            } finally {
                // Also after a failed assertion: borrowers left running would add failures for ever.
                stop(running, threads);
            }
        }
    }

    /** Every backend on the shared server: when a test before this one leaked connections, it shows here. */
    private String backends() {
        try (Connection c = cluster.superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where backend_type = 'client backend'")) {
            rs.next();
            return String.valueOf(rs.getInt(1));
        } catch (SQLException e) {
            return "(cannot count: " + e.getMessage() + ")";
        }
    }

    private static void stop(AtomicBoolean running, List<Thread> threads) throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
            assertFalse(thread.isAlive());
        }
    }

    /** Waits until the pool has stopped opening connections for half a second; returns how many it opened. */
    private static long settled(ConnectionPool pool) {
        long created = -1;
        for (int i = 0; i < 40; i++) {
            sleep(500);
            long now = pool.stats().created();
            if (now == created && pool.stats().total() == now) {
                return now;
            }
            created = now;
        }
        throw new AssertionError("the pool kept opening connections: " + pool);
    }

    private static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    /** Counts invalidations of the source it wraps. */
    private static class Counting implements CredentialSource {
        final AtomicInteger invalidations = new AtomicInteger();
        private final CredentialSource delegate;

        Counting(CredentialSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public DatabaseConfig config() {
            return delegate.config();
        }

        @Override
        public Credentials credentials() throws SQLException {
            return delegate.credentials();
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
            delegate.invalidate();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
