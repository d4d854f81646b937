package io.credpool.internal.pool;

import static io.credpool.internal.pool.Engines.behaviour;
import static io.credpool.internal.pool.Engines.newDatabase;
import static io.credpool.internal.pool.Engines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.credpool.PoolListener;
import io.credpool.internal.pool.Engines.ManualClock;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the listener hears, checked exactly on a clock the test moves. */
class PoolEventsTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final PoolListener listener = new PoolListener() {
        @Override
        public void released(Duration held) {
            events.add("released " + held.toMillis() + " ms");
        }

        @Override
        public void evicted(String reason) {
            events.add("evicted: " + reason);
        }
    };

    @Test
    void releasedReportsHowLongTheConnectionWasHeld() throws Exception {
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(newDatabase(), settings(1), clock, listener);
        try {
            Connection c = pool.acquire();
            clock.advance(Duration.ofMillis(1234));
            c.close();
            c.close();
            assertEquals(List.of("released 1234 ms"), events, "once per lease");
        } finally {
            pool.close();
        }
    }

    @Test
    void aConnectionPastItsLifetimeIsEvictedForThatWhenNextBorrowed() throws Exception {
        ManualClock clock = new ManualClock();
        Pool pool = Engines.start(newDatabase(), settings(1).withMaxLifetime(Duration.ofSeconds(100)), clock, listener);
        try {
            pool.acquire().close();
            clock.advance(Duration.ofSeconds(100));
            events.clear();
            pool.acquire().close();
            assertEquals(List.of("evicted: max lifetime", "released 0 ms"), events);
        } finally {
            pool.close();
        }
    }

    @Test
    void aConnectionThatFailsValidationIsEvictedForThat() throws Exception {
        String db = newDatabase();
        ManualClock clock = new ManualClock();
        // The replacement is made on the same (frozen) clock tick, so it is validated too: let it pass.
        PoolListener healing = new PoolListener() {
            @Override
            public void evicted(String reason) {
                events.add("evicted: " + reason);
                behaviour(db).valid(true);
            }
        };
        Pool pool = Engines.start(db, settings(1), clock, healing);
        try {
            pool.acquire().close();
            clock.advance(Duration.ofSeconds(1));
            behaviour(db).valid(false);
            pool.acquire().close();
            assertEquals(List.of("evicted: failed validation"), events);
        } finally {
            pool.close();
        }
    }

    @Test
    void thePoolsOwnShutdownIsNoEviction() throws Exception {
        Pool pool = Engines.start(newDatabase(), settings(2).withShutdownTimeout(Duration.ofMillis(50)),
                new ManualClock(), listener);
        Connection kept = pool.acquire();
        pool.acquire().close();
        events.clear();
        pool.close();
        kept.close();
        assertEquals(List.of("released 0 ms"), events);
    }
}
