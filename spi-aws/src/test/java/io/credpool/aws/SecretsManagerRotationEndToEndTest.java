package io.credpool.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import io.credpool.Environment;
import io.credpool.PoolStats;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's rotation acceptance, end to end: while four threads borrow from a three-connection
 * pool without pause, the role's password is changed in PostgreSQL and in the (fake) secret. The
 * old sessions keep working (PostgreSQL does not end them on {@code ALTER ROLE ... PASSWORD}) and
 * retire after their one-second lifetime; the first new connection after the change is refused
 * with the cached password, the provider is invalidated and fetches the secret once more, and the
 * login succeeds; no borrow fails.
 */
class SecretsManagerRotationEndToEndTest {

    private static final int MAX_SIZE = 3;
    private static final int BORROWERS = 4;

    @TempDir
    Path home;

    @Test
    void aRotatedPasswordCostsNoBorrow() throws Exception {
        String before = EndToEnd.password();
        String after = EndToEnd.password();
        try (EndToEnd e2e = new EndToEnd(before); LogCapture log = new LogCapture()) {
            Environment env = Environment.of(e2e.environment(home,
                    "DATABASE_CONNECTION_LIMIT", Integer.toString(MAX_SIZE),
                    "DATABASE_MAX_CONNECTION_LIFETIME", "1", // connections retire by themselves, none is killed
                    "DATABASE_POOL_TIMEOUT", "5"));
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            LongAdder borrows = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            String shown;
            PoolStats initial;
            PoolStats atRotation;
            PoolStats end;
            Timestamp rotatedAt;
            boolean renewed;
            int[] sessions;
            long openedAt = System.nanoTime();
            try (ConnectionPool pool = Database.open(env)) {
                initial = pool.stats();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < BORROWERS; i++) {
                    Thread t = new Thread(() -> borrowUntil(stop, pool, borrows, failures), "e2e-borrower-" + i);
                    t.start();
                    threads.add(t);
                }
                try {
                    // The pool fills up and replaces its first connections once, all with the first password.
                    assertTrue(Poll.within(Duration.ofSeconds(10), "the pool fills and renews its connections",
                            () -> !failures.isEmpty() || pool.stats().created() >= MAX_SIZE + 2),
                            "the pool fills and renews its connections before the rotation: " + pool.stats());
                    assertEquals("", describe(failures), "no borrow fails before the rotation");
                    // Secrets Manager is asked again at most once a second after a refused login, so the
                    // rotation comes well after the fetch at open.
                    Thread.sleep(Math.max(200, 1_500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)));
                    assertEquals(1, e2e.fake.count(), "no fetch before the rotation: the secret is cached");
                    atRotation = pool.stats();

                    // The rotation, in the order of AWS's rotation functions: new secret value, then the database.
                    e2e.serve(after);
                    rotatedAt = databaseNow(e2e);
                    e2e.cluster.changePassword(e2e.role, after);

                    renewed = Poll.within(Duration.ofSeconds(10), "new connections after the rotation", () -> !failures.isEmpty()
                            || e2e.fake.count() >= 2 && pool.stats().created() >= atRotation.created() + MAX_SIZE + 1);
                    Thread.sleep(300); // borrowing goes on with the new connections
                } finally {
                    stop.set(true);
                    for (Thread t : threads) {
                        t.join(TimeUnit.SECONDS.toMillis(10));
                    }
                }
                end = pool.stats();
                shown = pool.toString();
                sessions = sessionsOfRole(e2e, rotatedAt);
            }

            long refusals = refusedLogins(e2e);
            System.out.println("rotation end to end: " + borrows.sum() + " borrows, " + failures.size() + " failed; "
                    + e2e.fake.count() + " GetSecretValue; " + refusals + " refused logins; at open " + initial
                    + ", at rotation " + atRotation + ", at end " + end);
            for (Throwable failure : failures) {
                e2e.assertNoSecretIn("a borrow failure", failure);
            }
            assertEquals("", describe(failures), "no borrow fails");
            assertTrue(renewed, "the secret is fetched again and every connection renewed after the rotation: "
                    + e2e.fake.count() + " GetSecretValue; " + end);
            assertTrue(sessions[0] > 0, "the pool holds sessions");
            assertEquals(sessions[0], sessions[1], "every session the pool holds at the end logged in after the "
                    + "rotation, so with the new password; the older ones retired");
            assertTrue(borrows.sum() > 100, "borrows: " + borrows.sum());

            assertEquals(2, e2e.fake.count(), "exactly one GetSecretValue more, after the rotation");
            assertEquals(List.of(), e2e.fake.problems(), "every request well-formed and signed");
            assertTrue(refusals >= 1 && refusals <= MAX_SIZE, "the first new connection(s) after the rotation were "
                    + "refused with the cached password, once each (connectors run in parallel): " + refusals);
            assertEquals(0, end.failedConnects(), "no connect gave up: the retry with the fresh password succeeded; " + end);
            assertEquals(0, end.timeouts(), end.toString());
            assertTrue(initial.created() < atRotation.created() && atRotation.created() < end.created(),
                    initial + " / " + atRotation + " / " + end);

            List<String> fetches = log.lines().stream()
                    .filter(l -> l.startsWith("INFO Retrieving database credentials from AWS Secrets Manager: ")).toList();
            assertEquals(2, fetches.size(), fetches::toString);
            assertFalse(log.all().contains("Connection attempt"), log::all);
            e2e.assertNoSecretIn("the log", log.everything());
            e2e.assertNoSecretIn("pool.toString()", shown);

            SQLException old = assertThrows(SQLException.class, () -> login(e2e, before).close());
            assertEquals("28P01", old.getSQLState(), "the old password no longer logs in");
            try (Connection c = login(e2e, after)) {
                assertTrue(c.isValid(2));
            }
        }
    }

    private static void borrowUntil(AtomicBoolean stop, ConnectionPool pool, LongAdder borrows, List<Throwable> failures) {
        while (!stop.get()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1")) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new AssertionError("select 1 did not return 1");
                }
                borrows.increment();
            } catch (Throwable t) {
                failures.add(t);
            }
        }
    }

    /** How many sessions the role has, and how many of them began after {@code rotatedAt}. */
    private static int[] sessionsOfRole(EndToEnd e2e, Timestamp rotatedAt) throws SQLException {
        String sql = "select count(*), count(*) filter (where backend_start > ?) from pg_stat_activity"
                + " where usename = ? and backend_type = 'client backend'";
        try (Connection c = e2e.cluster.superuserConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, rotatedAt);
            s.setString(2, e2e.role);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    private static Timestamp databaseNow(EndToEnd e2e) throws SQLException {
        try (Connection c = e2e.cluster.superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** The server's log lines saying a login of the test's role was refused for its password. */
    private static long refusedLogins(EndToEnd e2e) throws Exception {
        String refusal = "password authentication failed for user \"" + e2e.role + "\"";
        return Files.readAllLines(e2e.cluster.logFile(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("FATAL:") && l.contains(refusal)).count();
    }

    private static Connection login(EndToEnd e2e, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", e2e.role);
        props.setProperty("password", password);
        return DriverManager.getConnection(e2e.cluster.jdbcUrl(e2e.database), props);
    }

    /** Empty when nothing failed; else how many, and the first failures' stack traces. */
    private static String describe(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(failures.size() + " borrows failed; the first ones:");
        for (Throwable t : failures.subList(0, Math.min(3, failures.size()))) {
            t.printStackTrace(out);
        }
        out.flush();
        return text.toString();
    }
}
