package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ConnectionPool#evictIdle()} from two threads at random moments while borrowers borrow,
 * use and return connections, housekeeping retires them and a validation now and then runs: no
 * borrow that began after an {@code evictIdle()} returned gets a connection that was open when it
 * was called, no connection is lent twice at once, and the pool ends up full and serving. Seeded:
 * two fixed seeds and a random one, each named in the failure messages
 * ({@code -Dcredpool.evict.seed=N} replays the choices, not the interleaving).
 */
class EvictIdleRaceTest {

    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    @TestFactory
    Stream<DynamicTest> evictIdleRacesBorrowersReturnsAndHousekeeping() {
        String fixed = System.getProperty("credpool.evict.seed");
        LongStream seeds = fixed != null ? LongStream.of(Long.parseLong(fixed))
                : LongStream.of(1L, 42L, ThreadLocalRandom.current().nextLong());
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> round(seed)));
    }

    private static void round(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int maxSize = 1 + random.nextInt(5);
        int borrowers = 2 + random.nextInt(6);
        String db = newDatabase();
        String where = "seed " + seed + " (maxSize " + maxSize + ", " + borrowers + " borrowers): ";
        // A physical connection, and when (System.nanoTime) the first evictIdle() that saw it open returned.
        Map<StubConnection, Long> evicted = new ConcurrentHashMap<>();
        Map<StubConnection, Thread> lent = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + RUN_NANOS;
        try (ConnectionPool pool = builder(db).maxSize(maxSize).minIdle(random.nextInt(maxSize + 1))
                .idleTimeout(Duration.ofMillis(50 + random.nextInt(200))).acquireTimeout(Duration.ofSeconds(2)).build()) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                SplittableRandom r = random.split();
                threads.add(start("evictor-" + i, () -> {
                    while (System.nanoTime() - end < 0) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(r.nextInt(20_000)));
                        List<StubConnection> open = StubPools.behaviour(db).connections();
                        pool.evictIdle();
                        long returned = System.nanoTime();
                        for (StubConnection c : open) {
                            evicted.putIfAbsent(c, returned);
                        }
                    }
                }));
            }
            for (int i = 0; i < borrowers; i++) {
                SplittableRandom r = random.split();
                threads.add(start("borrower-" + i, () -> {
                    while (System.nanoTime() - end < 0) {
                        long started = System.nanoTime();
                        try (Connection c = pool.getConnection()) {
                            StubConnection physical = raw(c);
                            Long at = evicted.get(physical);
                            if (at != null && started - at > 0) {
                                violations.add(physical + " lent to a borrow that began "
                                        + TimeUnit.NANOSECONDS.toMicros(started - at) + " µs after evictIdle() returned");
                            }
                            Thread other = lent.putIfAbsent(physical, Thread.currentThread());
                            if (other != null) {
                                violations.add(physical + " lent to " + Thread.currentThread().getName()
                                        + " while " + other.getName() + " held it");
                            }
                            if (r.nextInt(3) == 0) {
                                try (Statement st = c.createStatement()) {
                                    st.execute("select 1");
                                }
                            }
                            LockSupport.parkNanos(r.nextInt(2_000_000));
                            lent.remove(physical, Thread.currentThread());
                        } catch (SQLTransientConnectionException timeout) {
                            violations.add("a borrow timed out: " + timeout.getMessage());
                        } catch (Exception e) {
                            violations.add(Thread.currentThread().getName() + " failed: " + e);
                        }
                        LockSupport.parkNanos(r.nextInt(1_000_000));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.NANOSECONDS.toMillis(RUN_NANOS) + 10_000);
                assertTrue(!t.isAlive(), where + t.getName() + " did not finish");
            }
            assertTrue(violations.isEmpty(), where + violations);
            assertTrue(!evicted.isEmpty(), where + "evictIdle() saw no connection");

            eventually(Duration.ofSeconds(3), where + "nothing lent or waiting", () -> pool.stats().active() == 0
                    && pool.stats().waiting() == 0);
            List<Connection> all = new ArrayList<>();
            for (int i = 0; i < maxSize; i++) {
                all.add(pool.getConnection());
            }
            assertEquals(maxSize, pool.stats().total(), where + pool);
            for (Connection c : all) {
                c.close();
            }
        }
        assertEquals(0, StubPools.behaviour(db).openConnections(), where + "connections left open after close");
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
