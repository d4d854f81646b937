package io.credpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The invariant violations one round of {@link PoolTortureTest} found, from any thread: per kind,
 * how many and the first few in full. Details never show the test password.
 */
final class TortureViolations {

    /** The invariants, as named in failure messages. */
    enum Kind {
        /** One physical connection lent to two borrowers at once. */
        DOUBLE_LEND,
        /** A driver call on a lent connection from a thread other than its borrower's. */
        FOREIGN_CALL,
        /** A call on a handle its borrower had given back reached the driver. */
        STALE_REACHED_DRIVER,
        /** A call on a handle given back did not throw an SQLException saying closed. */
        STALE_NOT_REJECTED,
        /** getConnection() returned or threw later than acquireTimeout + 100 ms. */
        ACQUIRE_OVERDUE,
        /** pool.close() returned later than shutdownTimeout + 1 s, or not at all. */
        CLOSE_OVERDUE,
        /** A thread waiting in getConnection() or pool.close() burned CPU. */
        SPIN,
        /**
         * stats().total above maxSize, or more physical connections than maxSize that the pool
         * opened and never tried to close (the stub's open count itself may legitimately exceed
         * maxSize: it still counts connections whose close failed or hangs). With resizes: above
         * the largest size set so far under load, above the last one at quiescence.
         */
        ABOVE_MAX_SIZE,
        /** At quiescence, the pool's counts disagree with the physical connections it holds. */
        QUIESCENT_MISMATCH,
        /** At quiescence, fewer than maxSize connections could be borrowed at once. */
        CAPACITY_LOST,
        /** pool.close() returned while a connection was lent and not aborted, or lent one afterwards. */
        LENT_AFTER_CLOSE,
        /** A borrow that began after pool.evictIdle() returned got a connection open when it was called. */
        LENT_AFTER_EVICT,
        /**
         * A borrow that began after pool.suspend() returned got a connection before the next
         * resume() began, or one open when suspend() was called; or a connect began in between.
         */
        LENT_WHILE_SUSPENDED,
        /** At quiescence, a suspend() returned while the pool still held a physical connection. */
        OPEN_WHILE_SUSPENDED,
        /** After pool.close() and the hangs: a physical connection the pool never closed. */
        CONNECTION_LEFT_OPEN,
        /** After pool.close() and the hangs: a live pool thread. */
        THREAD_LEFT_RUNNING,
        /** The pool threw a RuntimeException or Error that the driver did not throw. */
        UNEXPECTED_THROWABLE,
        /** A borrower that never came back from a pool call. */
        WORKER_STUCK,
        /** The test password in a log record or an exception message. */
        PASSWORD_LEAK,
        /** The harness itself failed: a bug in the test, not in the pool. */
        HARNESS
    }

    private static final int KEPT_PER_KIND = 3;

    private final Map<Kind, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<Kind, List<String>> firsts = new ConcurrentSkipListMap<>();
    private final Map<Kind, Long> firstSeen = new ConcurrentHashMap<>();

    /** Records one violation of {@code kind}; {@code detail} should say what, where and when. */
    void add(Kind kind, String detail) {
        int n = counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        firstSeen.putIfAbsent(kind, System.nanoTime());
        if (n <= KEPT_PER_KIND) {
            firsts.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(scrub(detail));
        }
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The kinds found, with when each was first seen ({@link System#nanoTime()}). */
    Map<Kind, Long> firstSeen() {
        return Map.copyOf(firstSeen);
    }

    int count(Kind kind) {
        AtomicInteger n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Every kind found, with its count and its first few details. */
    String report() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Kind, List<String>> e : firsts.entrySet()) {
            int n = count(e.getKey());
            b.append("  [").append(e.getKey()).append("] ").append(n).append(n == 1 ? " time" : " times")
                    .append(n > KEPT_PER_KIND ? ", the first " + KEPT_PER_KIND + ":" : ":").append('\n');
            for (String detail : new ArrayList<>(e.getValue())) {
                b.append("    - ").append(detail.replace("\n", "\n      ")).append('\n');
            }
        }
        return b.toString();
    }

    /** {@code text} without the test password. */
    static String scrub(String text) {
        return text == null ? null : text.replace(StubPools.PASSWORD, "****");
    }

    /** Milliseconds from {@code startNanos} to {@code endNanos}. */
    static long millis(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
