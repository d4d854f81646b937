package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.Poll;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lending core alone: slots in, borrowers out, without a pool or a driver. */
class LendingTest {

    private final Slot[] slots = {new Slot(0), new Slot(1), new Slot(2)};
    private final ConcurrentLinkedQueue<Slot> retired = new ConcurrentLinkedQueue<>();
    private final Lending lending = new Lending(slots, "db.example:5432/app", true, retired::add);

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Waits on another thread; returns the slot or the SQLException. */
    private CompletableFuture<Object> waitAsync(long millis, Runnable beforePark) {
        return CompletableFuture.supplyAsync(() -> {
            lending.enter();
            try {
                Slot s = lending.await(lending.home(), System.nanoTime(), in(millis), beforePark);
                return s == null ? "timed out" : s;
            } catch (SQLException e) {
                return e;
            } finally {
                lending.leave();
            }
        }, task -> new Thread(task).start());
    }

    private void awaitWaiting(int n) {
        Poll.eventually(Duration.ofSeconds(2), n + " waiting", () -> lending.waiting() == n);
    }

    @Test
    void lendsTheMostRecentlyOfferedSlotFirst() {
        lending.offer(slots[0], 0);
        lending.offer(slots[1], 0);
        assertSame(slots[1], lending.poll(0));
        assertSame(slots[0], lending.poll(0));
        assertNull(lending.poll(0));
        assertTrue(retired.isEmpty());
    }

    @Test
    void aParkedWaiterGetsASlotOfferedLater() throws Exception {
        CompletableFuture<Object> waiter = waitAsync(5000, () -> { });
        awaitWaiting(1);
        Thread.sleep(5); // past the starvation limit: the slot is handed over, not just pushed
        lending.offer(slots[2], 0);
        assertSame(slots[2], waiter.get(2, TimeUnit.SECONDS));
        assertEquals(0, lending.waiting());
        assertNull(lending.poll(0), "a handed-over slot is not also idle");
    }

    @Test
    void aWaiterGivesUpAtItsDeadlineAndLeavesTheQueue() throws Exception {
        long start = System.nanoTime();
        assertEquals("timed out", waitAsync(100, () -> { }).get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(0, lending.waiting());
        lending.offer(slots[0], 0);
        assertSame(slots[0], lending.poll(0), "nobody is owed the slot");
    }

    @Test
    void beforeParkRunsEachTimeTheWaiterFindsNothing() throws Exception {
        AtomicInteger grows = new AtomicInteger();
        CompletableFuture<Object> waiter = waitAsync(5000, grows::incrementAndGet);
        awaitWaiting(1);
        Poll.eventually(Duration.ofSeconds(2), "beforePark to run", () -> grows.get() > 0);
        lending.offer(slots[0], 0);
        assertSame(slots[0], waiter.get(2, TimeUnit.SECONDS));
    }

    @Test
    void closeTellsEveryWaiterAndRetiresWhatArrivesLater() throws Exception {
        CompletableFuture<Object> a = waitAsync(5000, () -> { });
        CompletableFuture<Object> b = waitAsync(5000, () -> { });
        awaitWaiting(2);
        lending.close();
        for (Object o : List.of(a.get(2, TimeUnit.SECONDS), b.get(2, TimeUnit.SECONDS))) {
            assertEquals("08003", assertInstanceOf(SQLException.class, o).getSQLState());
        }
        assertTrue(lending.isClosed());
        lending.offer(slots[0], 0);
        assertTrue(retired.contains(slots[0]), "offered after close: retired");
        assertNull(lending.poll(0));
    }

    @Test
    void aRejectedLoginIsToldToAWaiterThatBeganBeforeIt() throws Exception {
        CompletableFuture<Object> waiter = waitAsync(5000, () -> { });
        awaitWaiting(1);
        lending.reject(new SQLInvalidAuthorizationSpecException("password authentication failed", "28P01"),
                System.nanoTime());
        SQLException e = assertInstanceOf(SQLException.class, waiter.get(2, TimeUnit.SECONDS));
        assertEquals("28P01", e.getSQLState());
    }

    @Test
    void anInterruptedWaiterStopsWithHy008() {
        Thread.currentThread().interrupt();
        lending.enter();
        try {
            SQLException e = assertThrows(SQLException.class,
                    () -> lending.await(lending.home(), System.nanoTime(), in(5000), () -> { }));
            assertEquals("HY008", e.getSQLState());
            assertTrue(Thread.interrupted());
        } finally {
            lending.leave();
        }
    }

    @Test
    void removeIdleTakesOutWhatTheFilterSelectsAndKeepsTheOrderOfTheRest() {
        for (Slot s : slots) {
            lending.offer(s, 0);
        }
        List<Slot> seen = new ArrayList<>();
        List<Slot> removed = lending.removeIdle(s -> {
            seen.add(s);
            return s == slots[1];
        });
        assertEquals(List.of(slots[0], slots[1], slots[2]), seen, "least recently used first");
        assertEquals(List.of(slots[1]), removed);
        assertSame(slots[2], lending.poll(0));
        assertSame(slots[0], lending.poll(0));
        assertNull(lending.poll(0));
    }
}
