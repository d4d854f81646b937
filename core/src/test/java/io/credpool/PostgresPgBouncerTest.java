package io.credpool;

import static io.credpool.PostgresPoolTest.sleep;
import static io.credpool.PostgresRoles.PASSWORD;
import static io.credpool.PostgresRoles.newRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.PgBouncer;
import io.credpool.testkit.PgCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * credpool behind a real PgBouncer in transaction mode (the testkit's: SCRAM auth file,
 * {@code default_pool_size = 2}), so that the pool's eight connections share two server sessions
 * and consecutive transactions of one pooled connection land on different backends.
 *
 * <p>With {@code pgbouncer=true} in {@code DATABASE_URL} (pgjdbc's {@code prepareThreshold=0}: every
 * statement is parsed unnamed, nothing is left on a server session) the same prepared statements run
 * thousands of times without an error and transactions keep their statements together. Without it,
 * pgjdbc names a statement on the server from its fifth execution on, and the next transaction
 * meets another backend that does not know it: the control test shows that failure.
 */
class PostgresPgBouncerTest {

    private static final int POOL = 8;
    private static final int THREADS = 8;
    private static final int BORROWS = 60;
    private static final int EXECUTIONS = 10;
    /** What pgjdbc reports when a server-side prepared statement meets the wrong backend. */
    private static final Pattern MISPLACED_STATEMENT = Pattern.compile("prepared statement \"S_\\d+\"");

    private static final PgCluster cluster = PgCluster.shared();
    /** Each transaction's rows carry a batch number of their own, across the tests of the class. */
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static String role;
    private static PgBouncer bouncer;

    @BeforeAll
    static void startBouncer() throws SQLException {
        role = newRole(cluster, "bouncer");
        try (ConnectionPool pool = PostgresRoles.builder(cluster, role).build(); Connection c = pool.getConnection();
             Statement s = c.createStatement()) {
            // A schema through PgBouncer: the role's default, which every server session it opens starts with.
            s.execute("create schema app");
            s.execute("create table app.items (id bigserial primary key, batch int not null)");
            s.execute("alter role current_user set search_path = app");
        }
        bouncer = cluster.pgBouncer(2, role);
    }

    @AfterAll
    static void stopBouncer() {
        bouncer.close();
    }

    private static String databaseUrl(String parameters) {
        return PostgresRoles.databaseUrl(bouncer.port(), role, "connection_limit=" + POOL + "&pool_timeout=5&" + parameters);
    }

    @Test
    void withPgbouncerTrueTheSamePreparedStatementsRunThousandsOfTimesAndTransactionsStayWhole() throws Exception {
        try (LogCapture log = new LogCapture(); ConnectionPool pool = Database.open(databaseUrl("pgbouncer=true"))) {
            Load load = run(pool);
            assertEquals(List.of(), load.failures(), "errors behind PgBouncer with pgbouncer=true");
            assertEquals(List.of(), load.wrongResults(), "wrong results behind PgBouncer with pgbouncer=true");
            assertEquals(THREADS * BORROWS * 9 / 10 * EXECUTIONS, load.executions.get());
            assertEquals(THREADS * BORROWS / 10, load.transactions.get());
            assertTrue(load.backends.size() > 1, "the pool's connections shared several backends: " + load.backends);
            log.assertNeverContains(PASSWORD);
        }
    }

    /**
     * The control: the same load without {@code pgbouncer=true}. This is the failure a user sees
     * who puts pgjdbc's defaults behind PgBouncer in transaction mode.
     */
    @Test
    void withoutItPgjdbcsNamedStatementsMeetTheWrongBackend() throws Exception {
        try (ConnectionPool pool = Database.open(databaseUrl("application_name=control"))) {
            Load load = run(pool);
            List<String> failures = load.failures();
            TreeSet<String> kinds = new TreeSet<>();
            failures.forEach(f -> kinds.add(f.replaceAll("S_\\d+", "S_n").replaceAll("\\d+ parameters", "n parameters")));
            System.out.println("PgBouncer control: " + failures.size() + " of " + (THREADS * BORROWS)
                    + " borrows failed, " + load.wrongResults().size() + " returned wrong results; messages: " + kinds
                    + "; wrong results: " + load.wrongResults().stream().limit(3).toList());
            assertTrue(failures.stream().anyMatch(f -> MISPLACED_STATEMENT.matcher(f).find()),
                    "named prepared statements worked behind transaction pooling: " + failures);
        }
    }

    /**
     * PgBouncer 1.18 refuses every startup parameter it does not track, and credpool sends the
     * schema as one ({@code options=-c search_path=...} with {@code pgbouncer=true}): the pool then
     * does not start, with PgBouncer's reason in the cause. What must never happen is a pool that
     * starts and quietly uses another schema. (The role's default, as set up above, is what works.)
     */
    @Test
    void aSchemaParameterIsAppliedOrRefusedNeverDropped() throws Exception {
        try (ConnectionPool pool = Database.open(databaseUrl("pgbouncer=true&schema=elsewhere"));
             Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show search_path")) {
            rs.next();
            assertEquals("elsewhere", rs.getString(1), "the pool started, so the schema must be in effect");
        } catch (SQLException e) {
            StringBuilder causes = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                causes.append(t.getMessage()).append(" / ");
            }
            System.out.println("PgBouncer schema=: " + causes);
            assertTrue(causes.toString().contains("unsupported startup parameter: options"), causes::toString);
        }
    }

    @Test
    void aPgBouncerRestartUnderLoadIsOverWithinThreeSeconds() throws Exception {
        Queue<long[]> successes = new ConcurrentLinkedQueue<>(); // {started, ended}
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (LogCapture log = new LogCapture(); ConnectionPool pool = Database.open(databaseUrl("pgbouncer=true"))) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("select ?::int")) {
                            s.setInt(1, 7);
                            try (ResultSet rs = s.executeQuery()) {
                                rs.next();
                            }
                            successes.add(new long[] {start, System.nanoTime()});
                        } catch (SQLException | RuntimeException e) {
                            failures.add(e.getClass().getSimpleName() + " " + ((e instanceof SQLException q) ? q.getSQLState() : "")
                                    + " " + e.getMessage());
                            sleep(5);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            sleep(500);
            long down = System.nanoTime();
            bouncer.restart();
            long up = System.nanoTime();
            long firstGood = -1;
            while (System.nanoTime() - up < TimeUnit.SECONDS.toNanos(5) && firstGood < 0) {
                firstGood = successes.stream().filter(s -> s[0] - up >= 0).mapToLong(s -> s[1]).min().orElse(-1);
                sleep(10);
            }
            sleep(500);
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
                assertFalse(thread.isAlive(), "a borrower hangs");
            }
            assertTrue(firstGood > 0, "no good borrow within 5 s of PgBouncer's restart; failures: " + failures.size());
            long recovery = TimeUnit.NANOSECONDS.toMillis(firstGood - up);
            Reliability.report("pgbouncer-restart", recovery, failures.size());
            System.out.println("PgBouncer restart: down for " + TimeUnit.NANOSECONDS.toMillis(up - down) + " ms; "
                    + successes.size() + " good borrows; failures: " + new TreeSet<>(failures));
            assertTrue(recovery <= 3000, "first good borrow " + recovery + " ms after PgBouncer was back");
            long recovered = firstGood;
            long afterRecovery = successes.stream().filter(s -> s[0] - recovered > 0).count();
            assertTrue(afterRecovery > 0, "borrows go on after the recovery");
            log.assertNeverContains(PASSWORD);
        }
    }

    /** What {@link #run} saw. */
    private record Load(Queue<String> failed, Queue<String> wrong, AtomicInteger executions, AtomicInteger transactions,
                        Queue<Integer> backends) {
        /** The borrows that ended with an SQLException: its SQLState and message. */
        List<String> failures() {
            return List.copyOf(failed);
        }

        /** The borrows whose results were not those of their statements. */
        List<String> wrongResults() {
            return List.copyOf(wrong);
        }
    }

    /**
     * {@value #THREADS} threads × {@value #BORROWS} borrows: each borrow prepares one statement and
     * executes it {@value #EXECUTIONS} times in auto-commit; every tenth borrow is instead one
     * transaction of several statements, which must all see the same transaction and each other's rows.
     */
    private static Load run(ConnectionPool pool) throws InterruptedException {
        Load load = new Load(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(), new AtomicInteger(),
                new AtomicInteger(), new ConcurrentLinkedQueue<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < BORROWS; i++) {
                    try (Connection c = pool.getConnection()) {
                        if (i % 10 == 9) {
                            transaction(c, BATCHES.incrementAndGet());
                            load.transactions.incrementAndGet();
                        } else {
                            try (PreparedStatement s = c.prepareStatement("select ?::int * 2, pg_backend_pid()")) {
                                for (int n = 0; n < EXECUTIONS; n++) {
                                    s.setInt(1, n);
                                    try (ResultSet rs = s.executeQuery()) {
                                        rs.next();
                                        assertEquals(2 * n, rs.getInt(1));
                                        if (n == 0 && load.backends.size() < 100 && !load.backends.contains(rs.getInt(2))) {
                                            load.backends.add(rs.getInt(2));
                                        }
                                    }
                                    load.executions.incrementAndGet();
                                }
                            }
                        }
                    } catch (SQLException e) {
                        load.failed.add(e.getSQLState() + " " + e.getMessage());
                    } catch (AssertionError e) {
                        load.wrong.add(e.getMessage());
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "a borrower hangs");
        }
        return load;
    }

    /**
     * Three inserts, a count and the transaction id of each statement, committed together. The table
     * is named without its schema: {@code items} is found through the role's default search_path.
     */
    private static void transaction(Connection c, int batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            long txid = -1;
            try (PreparedStatement insert = c.prepareStatement("insert into items (batch) values (?) returning txid_current()")) {
                for (int n = 0; n < 3; n++) {
                    insert.setInt(1, batch);
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        assertTrue(txid < 0 || txid == rs.getLong(1), "a statement left the transaction");
                        txid = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement("select count(*), txid_current() from items where batch = ?")) {
                count.setInt(1, batch);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertEquals(3, rs.getInt(1), "the transaction sees its own rows");
                    assertEquals(txid, rs.getLong(2), "the count ran in the same transaction");
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
