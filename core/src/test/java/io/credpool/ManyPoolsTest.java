package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.poolThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.Poll;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many pools in one JVM (one per tenant) share one housekeeping thread: threads do not grow with
 * the number of pools, none is left once every pool is closed, and each pool's chores still run
 * whichever pools come and go around it.
 */
class ManyPoolsTest {

    @BeforeEach
    void noPoolIsOpen() {
        Poll.eventually(Duration.ofSeconds(10), "pool threads of earlier tests to end: " + poolThreads(),
                () -> poolThreads().isEmpty());
    }

    @Test
    void fiftyPoolsUseOneHousekeeperAndAtMostEightThreadsAndLeaveNone() throws Exception {
        List<ConnectionPool> pools = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                pools.add(builder(newDatabase()).name("tenant-" + i).maxSize(4).minIdle(2)
                        .idleTimeout(Duration.ofSeconds(30)).build());
            }
            for (ConnectionPool pool : pools) {
                try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                    assertTrue(a.isValid(1) && b.isValid(1));
                }
            }
            assertEquals(1, poolThreads().stream().filter(n -> n.startsWith("credpool-housekeeper-")).count(),
                    () -> "housekeepers with 50 pools open: " + poolThreads());
            // Connects and closes run on threads that end once the work is done; what stays is fixed.
            Poll.eventually(Duration.ofSeconds(15), "at most 8 pool threads with 50 pools open",
                    () -> poolThreads().size() <= 8);
            for (ConnectionPool pool : pools) {
                int total = pool.stats().total();
                // minIdle is a floor; a grow racing the two borrows may have opened one more.
                assertTrue(total >= 2 && total <= 4, () -> pool.name() + " keeps minIdle: " + pool.stats());
            }
        } finally {
            pools.forEach(ConnectionPool::close);
        }
        noThreadLeft("after 50 pools were closed");
    }

    @Test
    void closingOnePoolLeavesTheChoresOfTheOthersRunning() throws Exception {
        try (ConnectionPool stays = idleEvicting(); ConnectionPool goes = idleEvicting()) {
            goes.close();
            assertEvictsIdle(stays);
        }
    }

    @Test
    void aPoolOpenedAfterTheLastOneClosedGetsAHousekeeperAgain() throws Exception {
        idleEvicting().close();
        noThreadLeft("after the only pool was closed");
        try (ConnectionPool pool = idleEvicting()) {
            assertEvictsIdle(pool);
        }
        noThreadLeft("after the second pool was closed");
    }

    @Test
    void poolsOpenedAndClosedFromManyThreadsEachServeAndLeaveNoThread() throws Exception {
        long seed = Long.getLong("credpool.manypools.seed", new Random().nextLong());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Random random = new Random(seed + t);
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (ConnectionPool pool = builder(newDatabase()).maxSize(1 + random.nextInt(3))
                                .minIdle(random.nextInt(2)).idleTimeout(Duration.ofMillis(40)).build()) {
                            for (int n = random.nextInt(4); n >= 0; n--) {
                                try (Connection c = pool.getConnection()) {
                                    c.isValid(1);
                                }
                            }
                            if (random.nextBoolean()) {
                                Thread.sleep(random.nextInt(30));
                            }
                        } catch (Exception | Error e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(failures), "seed " + seed + " (replay with -Dcredpool.manypools.seed)");
        noThreadLeft("seed " + seed + ", after every pool was closed");
    }

    /** The last close stops the shared thread; it is gone a moment after close() returned. */
    private static void noThreadLeft(String when) {
        Poll.eventually(Duration.ofSeconds(2), "no pool thread " + when, () -> poolThreads().isEmpty());
    }

    private static ConnectionPool idleEvicting() throws Exception {
        return builder(newDatabase()).maxSize(3).minIdle(1).idleTimeout(Duration.ofMillis(100)).build();
    }

    /** Fills the pool to 3, gives them back, and waits for housekeeping to close the two above minIdle. */
    private static void assertEvictsIdle(ConnectionPool pool) throws Exception {
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection();
             Connection c = pool.getConnection()) {
            assertEquals(3, pool.stats().total());
        }
        Poll.eventually(Duration.ofSeconds(3), "idle connections above minIdle closed by the housekeeper: " + pool.stats(),
                () -> pool.stats().total() == 1);
    }
}
