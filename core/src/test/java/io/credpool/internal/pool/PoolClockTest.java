package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.behaviour;
import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.credpool.internal.pool.Engines.ManualClock;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool's rules about ages, checked exactly on a clock the test moves. */
class PoolClockTest {

    private static StubConnection borrowAndReturn(Pool pool) throws Exception {
        try (Connection c = pool.acquire()) {
            return c.unwrap(StubConnection.class);
        }
    }

    @Test
    void aConnectionIsValidatedOnlyWhenItWasLastLentMoreThan500MsAgo() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(1), clock);
        try {
            borrowAndReturn(pool);
            clock.advance(Duration.ofMillis(500));
            borrowAndReturn(pool);
            assertEquals(0, behaviour(db).isValidCalls(), "exactly 500 ms: trusted");
            clock.advance(Duration.ofMillis(500).plusNanos(1));
            borrowAndReturn(pool);
            assertEquals(1, behaviour(db).isValidCalls(), "500 ms and a nanosecond: validated");
            borrowAndReturn(pool);
            assertEquals(1, behaviour(db).isValidCalls(), "just validated: trusted again");
        } finally {
            pool.close();
        }
    }

    @Test
    void aConnectionIsRetiredAtItsLifetimeLessAtMostTwoAndAHalfPercent() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(db, settings(1).withMaxLifetime(Duration.ofSeconds(100)), clock);
        try {
            StubConnection first = borrowAndReturn(pool);
            clock.advance(Duration.ofMillis(97_499));
            assertSame(first, borrowAndReturn(pool), "before 97.5 s: kept");
            clock.advance(Duration.ofMillis(2_501));
            assertNotSame(first, borrowAndReturn(pool), "at 100 s: replaced");
        } finally {
            pool.close();
        }
    }
}
