package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A thousand virtual threads share a pool of eight (JDK 21 and later; skipped on 17). */
class VirtualThreadsTest {

    @Test
    void aThousandVirtualThreadsShareEightConnections() throws Exception {
        ExecutorService executor;
        try {
            executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need JDK 21");
            return;
        }
        String db = newDatabase();
        StubPools.behaviour(db).statementDelay(Duration.ofMillis(1));
        AtomicInteger done = new AtomicInteger();
        try (ConnectionPool pool = builder(db).maxSize(8).acquireTimeout(Duration.ofSeconds(30)).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(executor.submit(() -> {
                    for (int j = 0; j < 10; j++) {
                        try (Connection c = pool.getConnection()) {
                            c.createStatement().execute("select 1");
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            executor.shutdown();
            assertEquals(10_000, done.get());
            assertTrue(StubPools.behaviour(db).maxOpenConnections() <= 8);
        }
    }
}
