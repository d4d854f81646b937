package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.raw;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubBehaviour;
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
 * {@link ConnectionPool#suspend()} and {@link ConnectionPool#resume()} from one thread at random
 * moments while borrowers borrow and return, another thread calls {@code evictIdle()} and
 * housekeeping retires connections: no borrow that begins after a {@code suspend()} returned and
 * ends before the next {@code resume()} began gets a connection, none open before a
 * {@code suspend()} is lent to a borrow that began after it returned, nothing is connected from
 * the return of a {@code suspend()} to the next {@code resume()}, no connection is lent twice at
 * once, and once resumed and quiet the pool is full and serves. Seeded like
 * {@link EvictIdleRaceTest} ({@code -Dcredpool.suspend.seed=N}).
 */
class SuspendRaceTest {

    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    /** From the return of a suspend() to the start of the next resume(), System.nanoTime(). */
    private record Suspension(long returned, long resuming, long connectsAtReturn, long connectsAtResume) {
    }

    /** A borrow that got a connection: when it began and when getConnection() returned. */
    private record Borrow(long began, long ended, StubConnection physical) {
    }

    @TestFactory
    Stream<DynamicTest> suspendAndResumeRaceBorrowersEvictionAndHousekeeping() {
        String fixed = System.getProperty("credpool.suspend.seed");
        LongStream seeds = fixed != null ? LongStream.of(Long.parseLong(fixed))
                : LongStream.of(1L, 42L, ThreadLocalRandom.current().nextLong());
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> round(seed)));
    }

    private static void round(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int maxSize = 1 + random.nextInt(5);
        int borrowers = 2 + random.nextInt(6);
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        String where = "seed " + seed + " (maxSize " + maxSize + ", " + borrowers + " borrowers): ";
        Map<StubConnection, Long> suspendedAt = new ConcurrentHashMap<>();
        Map<StubConnection, Thread> lent = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Suspension> suspensions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Borrow> borrows = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + RUN_NANOS;
        try (ConnectionPool pool = builder(db).maxSize(maxSize).minIdle(random.nextInt(maxSize + 1))
                .idleTimeout(Duration.ofMillis(50 + random.nextInt(200))).acquireTimeout(Duration.ofMillis(300))
                .build()) {
            List<Thread> threads = new ArrayList<>();
            SplittableRandom sr = random.split();
            threads.add(start("suspender", () -> {
                while (System.nanoTime() - end < 0) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(sr.nextInt(30_000)));
                    List<StubConnection> open = stub.connections();
                    pool.suspend();
                    long returned = System.nanoTime();
                    long connects = stub.connectAttempts();
                    for (StubConnection c : open) {
                        suspendedAt.putIfAbsent(c, returned);
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(sr.nextInt(50_000)));
                    if (sr.nextInt(4) == 0) {
                        pool.suspend();
                    }
                    long connectsBefore = stub.connectAttempts();
                    long resuming = System.nanoTime();
                    pool.resume();
                    suspensions.add(new Suspension(returned, resuming, connects, connectsBefore));
                }
            }));
            SplittableRandom er = random.split();
            threads.add(start("evictor", () -> {
                while (System.nanoTime() - end < 0) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(er.nextInt(40_000)));
                    pool.evictIdle();
                }
            }));
            for (int i = 0; i < borrowers; i++) {
                SplittableRandom r = random.split();
                threads.add(start("borrower-" + i, () -> {
                    while (System.nanoTime() - end < 0) {
                        long began = System.nanoTime();
                        try (Connection c = pool.getConnection()) {
                            long ended = System.nanoTime();
                            StubConnection physical = raw(c);
                            borrows.add(new Borrow(began, ended, physical));
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
                            // Expected while suspended.
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
            check(suspensions, borrows, suspendedAt, violations);
            assertTrue(violations.isEmpty(), where + violations);
            assertTrue(suspensions.size() > 5, where + "only " + suspensions.size() + " suspensions");
            assertTrue(borrows.size() > suspensions.size(), where + "only " + borrows.size() + " borrows");

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
        assertEquals(0, stub.openConnections(), where + "connections left open after close");
    }

    private static void check(ConcurrentLinkedQueue<Suspension> suspensions, ConcurrentLinkedQueue<Borrow> borrows,
            Map<StubConnection, Long> suspendedAt, ConcurrentLinkedQueue<String> violations) {
        for (Suspension s : suspensions) {
            if (s.connectsAtResume() != s.connectsAtReturn()) {
                violations.add((s.connectsAtResume() - s.connectsAtReturn()) + " connect(s) between the return of "
                        + "suspend() and the next resume()");
            }
            for (Borrow b : borrows) {
                if (b.began() - s.returned() > 0 && b.ended() - s.resuming() < 0) {
                    violations.add(b.physical() + " lent to a borrow that began "
                            + TimeUnit.NANOSECONDS.toMicros(b.began() - s.returned()) + " µs after suspend() returned and "
                            + "ended " + TimeUnit.NANOSECONDS.toMicros(s.resuming() - b.ended()) + " µs before resume()");
                }
            }
        }
        for (Borrow b : borrows) {
            Long at = suspendedAt.get(b.physical());
            if (at != null && b.began() - at > 0) {
                violations.add(b.physical() + " open before a suspend() lent to a borrow that began "
                        + TimeUnit.NANOSECONDS.toMicros(b.began() - at) + " µs after it returned");
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
