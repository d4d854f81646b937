package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Growth answers every waiter while the pool is below its maximum. */
class PoolGrowthTest {

    /**
     * A connection comes back just as two borrowers arrive: one takes it, and the other must get
     * a new connection although the returned one made growth look unneeded for a moment.
     */
    @Test
    void aWaiterBeatenToAReturnedConnectionByANewcomerIsStillServed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 150; round++) {
            String db = newDatabase();
            Pool pool = Engines.start(db, settings(2).withAcquireTimeout(Duration.ofMillis(400))
                    .withShutdownTimeout(Duration.ofMillis(500)), Clock.SYSTEM);
            try {
                Connection returned = pool.acquire();
                CyclicBarrier start = new CyclicBarrier(3);
                CountDownLatch bothServed = new CountDownLatch(2);
                AtomicReference<SQLException> failure = new AtomicReference<>();
                Runnable borrower = () -> {
                    try {
                        start.await();
                        try (Connection c = pool.acquire()) {
                            bothServed.countDown();
                            // Hold on until the other one is served, so the two need two connections.
                            bothServed.await();
                        }
                    } catch (SQLException e) {
                        failure.set(e);
                        bothServed.countDown();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                Thread a = new Thread(borrower);
                Thread b = new Thread(borrower);
                a.start();
                b.start();
                start.await();
                returned.close();
                a.join();
                b.join();
                if (failure.get() != null) {
                    failures.add("round " + round + ": " + failure.get().getMessage());
                }
            } finally {
                pool.close();
            }
        }
        assertEquals(List.of(), failures);
    }
}
