package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import io.credpool.testkit.Poll;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Database} against a real PostgreSQL: one shared pool however many threads ask, and no password anywhere. */
class DatabaseTest {

    private static final int LIMIT = 4;
    private static TestDatabase db;

    private LogCapture logs;

    @BeforeAll
    static void createRole() {
        db = TestDatabase.create("shared");
    }

    @BeforeEach
    void captureLogs() {
        Database.disconnect();
        logs = new LogCapture();
    }

    @AfterEach
    void noPasswordInLogs() {
        Database.disconnect();
        logs.close();
        for (String message : logs.messages()) {
            assertFalse(db.leaks(message), () -> "password logged: " + message);
        }
    }

    private static Environment env() {
        return Environment.of(Map.of("DATABASE_URL", db.url("connection_limit=" + LIMIT), "APP_ENV", "test"));
    }

    @Test
    void thirtyTwoConcurrentFirstCallsBuildOnePool() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Supplier<Environment> counted = () -> {
            builds.incrementAndGet();
            return env();
        };
        int n = 32;
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<ConnectionPool>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return Database.shared(counted);
                }));
            }
            ready.await();
            go.countDown();
            ConnectionPool first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<ConnectionPool> r : results) {
                assertSame(first, r.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, builds.get(), "the environment is read once");
            assertEquals(1, first.stats().created(), "one pool opens one connection at start");
            assertEquals(1, db.backends(), "pg_stat_activity: one pool's worth of sessions");

            // All 32 now use it at once: the one pool stays within its limit.
            List<Callable<Integer>> queries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                queries.add(() -> answer(Database.shared(counted)));
            }
            for (Future<Integer> r : threads.invokeAll(queries, 30, TimeUnit.SECONDS)) {
                assertEquals(42, r.get());
            }
            int backends = db.backends();
            assertTrue(backends >= 1 && backends <= LIMIT, "sessions of the role: " + backends);
            assertEquals(1, builds.get());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, logs.messages().stream().filter(m -> m.equals("Database connection established successfully")).count());
    }

    @Test
    void disconnectThenSharedGivesANewWorkingPool() throws Exception {
        ConnectionPool first = Database.shared(DatabaseTest::env);
        assertEquals(42, answer(first));
        Database.disconnect();
        assertTrue(first.isClosed());
        awaitBackends(0);
        Database.disconnect(); // idempotent

        ConnectionPool second = Database.shared(DatabaseTest::env);
        assertNotSame(first, second);
        assertFalse(second.isClosed());
        assertEquals(42, answer(second));
        assertSame(second, Database.shared(DatabaseTest::env));
        assertEquals(1, db.backends());
        assertThrows(SQLException.class, first::getConnection, "the old pool stays closed");
    }

    @Test
    void aFailedBuildIsNotRemembered() throws Exception {
        Supplier<Environment> nothing = () -> Environment.of(Map.of("APP_ENV", "test"));
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> Database.shared(nothing));
        assertTrue(e.getMessage().startsWith("No database is configured"), e.getMessage());
        CompletionException async = assertThrows(CompletionException.class, () -> Database.sharedAsync(nothing).join());
        assertTrue(async.getCause() instanceof DatabaseConfigException, async::toString);
        Database.disconnect(); // nothing to close: fine

        ConnectionPool pool = Database.shared(DatabaseTest::env);
        assertEquals(42, answer(pool));
    }

    @Test
    void sharedAsyncBuildsOnADaemonThreadAndSharesThePool() throws Exception {
        List<String> builders = new ArrayList<>();
        ConnectionPool async = Database.sharedAsync(() -> {
            builders.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " (daemon)" : ""));
            return env();
        }).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("credpool-shared-init (daemon)"), builders);
        assertSame(async, Database.shared(DatabaseTest::env));
        assertSame(async, Database.sharedAsync(DatabaseTest::env).get());
    }

    @Test
    void logsModeProviderAndTargetButNeverThePassword() throws Exception {
        Database.shared(DatabaseTest::env);
        List<String> messages = logs.messages();
        String target = "127.0.0.1:" + db.port() + "/postgres";
        assertTrue(messages.contains("Using credential provider database-url in the test environment (DATABASE_URL is set)"), messages::toString);
        assertTrue(messages.contains("Opening a connection pool to " + target + " as " + db.role()
                + " (max " + LIMIT + " connections) with credentials from database-url"), messages::toString);
        assertTrue(messages.contains("Database connection established successfully"), messages::toString);
    }

    @Test
    void openGivesIndependentPoolsFromAUrlOrAnEnvironment() throws Exception {
        try (ConnectionPool fromUrl = Database.open(db.url("connection_limit=2"));
             ConnectionPool fromEnv = Database.open(env())) {
            assertNotSame(fromUrl, fromEnv);
            assertEquals(42, answer(fromUrl));
            assertEquals(42, answer(fromEnv));
            assertFalse(db.leaks(fromUrl.toString()), fromUrl::toString);
            assertEquals(2, db.backends());
        }
        awaitBackends(0);
    }

    @Test
    void openWithACustomizerAddsWhatTheEnvironmentCannotSayAndItsSettingsWin() throws Exception {
        AtomicInteger acquired = new AtomicInteger();
        PoolListener listener = new PoolListener() {
            @Override
            public void acquired(Duration waited) {
                acquired.incrementAndGet();
            }
        };
        try (ConnectionPool pool = Database.open(env(), b -> b.name("orders").maxSize(3).listener(listener))) {
            assertEquals(42, answer(pool));
            assertEquals("orders", pool.name());
            assertEquals(3, pool.settings().maxSize());
            assertEquals("127.0.0.1:" + db.port() + "/postgres", pool.target());
            assertEquals("database-url", pool.provider());
            assertEquals(1, acquired.get());
        }
    }

    @Test
    void aCustomizerThatThrowsLeavesNothingOpen() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Database.open(env(), b -> { throw new IllegalStateException("no"); }));
        assertEquals("no", e.getMessage());
        assertEquals(0, db.backends());
    }

    @Test
    void wrongPasswordFailsWithoutThePasswordInTheMessage() {
        String wrong = db.url("").replace("%40ss", "%40sx");
        SQLException e = assertThrows(SQLException.class, () -> Database.open(wrong));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(db.leaks(String.valueOf(t.getMessage())), t::getMessage);
        }
    }

    @Test
    void badUrlsAreConfigurationErrorsThatNameTheKeyNotTheValue() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> Database.open(db.url("connection_limit=lots")));
        assertTrue(e.getMessage().contains("connection_limit"), e.getMessage());
        assertFalse(db.leaks(e.getMessage()), e.getMessage());
    }

    static int answer(ConnectionPool pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 6 * 7")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void awaitBackends(int expected) {
        Poll.eventually(Duration.ofSeconds(10), expected + " backends", () -> db.backends() == expected);
    }
}
