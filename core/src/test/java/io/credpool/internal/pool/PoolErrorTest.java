package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.PoolSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A throwable of any kind from a background connect costs one attempt, never a slot. */
class PoolErrorTest {

    static Stream<Throwable> throwables() {
        return Stream.of(new NoClassDefFoundError("org/example/Missing"),
                new ExceptionInInitializerError("simulated"),
                new OutOfMemoryError("simulated"),
                new AssertionError("simulated"),
                new IllegalStateException("simulated"),
                new SQLException("simulated", "08001"));
    }

    @ParameterizedTest
    @MethodSource("throwables")
    void aFailedBackgroundConnectGivesItsSlotBack(Throwable failure) throws Exception {
        String db = newDatabase();
        PoolSettings settings = settings(2).withAcquireTimeout(Duration.ofMillis(300))
                .withShutdownTimeout(Duration.ofSeconds(5));
        Engines.Source source = new Engines.Source(db, settings);
        Pool pool = Engines.start(db, settings, source);
        try (Connection first = pool.acquire()) {
            source.failure.set(failure);
            SQLException e = assertThrows(SQLException.class, pool::acquire);
            assertTrue(e.getMessage().startsWith("Timed out"), e.getMessage());
            source.failure.set(null);
            try (Connection second = pool.acquire()) {
                assertEquals(2, pool.stats().total());
            }
        } finally {
            long start = System.nanoTime();
            pool.close();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 1000, "close took " + tookMs + " ms");
        }
        assertEquals(1, source.closes.get());
    }
}
