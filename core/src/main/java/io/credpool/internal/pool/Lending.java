package io.credpool.internal.pool;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Where owned, healthy slots meet borrowers: the idle stacks, the FIFO queue of parked
 * borrowers and the packed {@link #signal}. It knows nothing of physical connections; the pool
 * decides what goes in (a connect, a return) and what a borrower does with what comes out
 * (validate it, or retire it).
 *
 * <p>Borrowing pops the most recently returned slot (one CAS); returning pushes it (one CAS).
 * A borrower that finds nothing enters the slow path ({@link #enter}), yields once (a virtual
 * thread does not), then parks in the queue. A returned slot wakes the longest waiter and
 * stays up for grabs, except that a waiter queued for more than {@link #STARVATION_NANOS}
 * ({@link #VIRTUAL_STARVATION_NANOS} for a virtual thread) is handed it directly, so waiters are
 * served in arrival order and a newcomer gets ahead of them for at most that long (only the
 * longest waiter's limit is looked at: a platform thread queued behind a virtual one may wait up to
 * the longer limit).
 *
 * <p>{@link #signal} folds the number of borrowers on the slow path and the closed flag into
 * one int, so a returning thread learns with a single volatile read that nobody needs attention.
 */
final class Lending {

    /**
     * A platform thread queued longer than this is handed the next returned slot directly. Before
     * that, returned slots stay up for grabs and the longest waiter is merely woken: under heavy
     * load, reserving every slot for a parked thread would make each borrow cost a context switch.
     */
    static final long STARVATION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * {@link #STARVATION_NANOS} for a virtual thread. A hand-off to a parked virtual thread waits
     * for the scheduler to mount it behind every runnable virtual thread, with the slot idle
     * meanwhile; with 1,000 virtual threads cycling on 32 connections a 1 ms limit made nearly
     * every return a hand-off and halved throughput, while 5 ms kept the same p99 (measured with
     * {@code VirtualThreadLoad}, docs/benchmarks.md).
     */
    static final long VIRTUAL_STARVATION_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * One: a yield lets a holder that lost its CPU run and return, but on a machine with more
     * runnable threads than CPUs each yield can cost a whole round of the OS scheduler. With 64
     * threads on 10 PostgreSQL connections and 2 CPUs the p99 wait was ~25 ms per yield (3 yields:
     * 60 ms; 1: 26 ms; none: 10 ms but 0.85× the throughput; {@code PostgresLoad}, docs/benchmarks.md).
     */
    private static final int YIELDS_BEFORE_PARKING = 1;
    private static final int CLOSED_BIT = 1 << 30;
    private static final int WAITING_MASK = CLOSED_BIT - 1;

    private final IdleStacks idle;
    private final String target;
    private final boolean timed;
    /** Takes slots that arrive after {@link #close()}: the pool retires them. */
    private final Consumer<Slot> afterClose;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Borrowers on the slow path, plus {@link #CLOSED_BIT} once the pool closes. */
    private final AtomicInteger signal = new AtomicInteger();
    /** The last login rejected even with fresh credentials, for the borrowers that needed the connection. */
    private final AtomicReference<Rejection> rejection = new AtomicReference<>();

    /**
     * A background login was rejected at {@code at}: borrowers that began after then are not told.
     * {@code everyone}: every waiter that began before is told (and the record stays); else the
     * first to see it is, and takes it.
     */
    private record Rejection(SQLException error, long at, boolean everyone) {
    }

    /**
     * @param slots      the pool's slots
     * @param target     the redacted target, for messages
     * @param timed      whether waits end at a deadline ({@code false}: an acquire timeout of zero)
     * @param afterClose retires a slot offered or found idle after {@link #close()}
     */
    Lending(Slot[] slots, String target, boolean timed, Consumer<Slot> afterClose) {
        this.idle = new IdleStacks(slots, IdleStacks.stripesFor(slots.length));
        this.target = target;
        this.timed = timed;
        this.afterClose = afterClose;
    }

    /** The calling thread's home stack. */
    int home() {
        return idle.home();
    }

    /** An idle slot, now owned by the caller, or {@code null}. */
    Slot poll(int home) {
        return idle.pop(home);
    }

    /** Lends from {@code more}, a copy of the slots with new ones after them; see {@code Pool.resize}. */
    void grow(Slot[] more) {
        idle.grow(more);
    }

    /** Whether any slot is idle right now. */
    boolean anyIdle() {
        return idle.any();
    }

    /** Borrowers on the slow path. */
    int waiting() {
        return signal.get() & WAITING_MASK;
    }

    /** Whether {@link #close()} has been called. */
    boolean isClosed() {
        return (signal.get() & CLOSED_BIT) != 0;
    }

    /** Counts the caller as waiting, so that growth sees the demand while it looks around. */
    void enter() {
        signal.incrementAndGet();
    }

    /** Undoes {@link #enter()}; passes on a wake-up the caller may have consumed. */
    void leave() {
        if ((signal.decrementAndGet() & WAITING_MASK) != 0 && idle.any()) {
            wakeHead();
        }
    }

    /**
     * Lets other threads run once before parking: a borrower that finds the pool empty is
     * usually waiting for a holder that lost its CPU, and parking costs far more than yielding.
     * Not for a virtual thread: its yield goes behind every runnable virtual thread and costs as
     * much as parking, and the holders it waits for are not preempted.
     */
    Slot yieldThenPoll(int home) {
        if (VirtualThreads.isVirtual(Thread.currentThread())) {
            return null;
        }
        for (int i = 0; i < YIELDS_BEFORE_PARKING; i++) {
            Thread.yield();
            Slot s = idle.pop(home);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Queues the caller and parks it until it takes an idle slot, is handed one, the deadline
     * passes ({@code null}) or the pool closes. Before each look for a slot it runs
     * {@code beforePark}, so that a waiter woken for a slot that a newcomer took first asks for
     * growth again; {@code beforePark} may block.
     *
     * @param start    when the borrow began ({@link System#nanoTime()}): rejections older than it are not its business
     * @param deadline when to give up ({@link System#nanoTime()}), unless waits are untimed
     * @throws SQLException when the pool closes, the thread is interrupted, or a login was rejected meanwhile
     */
    Slot await(int home, long start, long deadline, Runnable beforePark) throws SQLException {
        Thread me = Thread.currentThread();
        Waiter w = new Waiter(me, owedFrom(me, System.nanoTime()));
        waiters.offer(w);
        try {
            for (;;) {
                // Before the looks, not between them and the park: it may block (growth takes a
                // lock), and a blocking call spends the wake-up of a slot pushed meanwhile. Not
                // once handed a slot: this waiter would count itself as demand.
                if (w.item == null) {
                    beforePark.run();
                }
                Object item = w.item;
                if (item instanceof Slot) {
                    return (Slot) item;
                } else if (item == Waiter.CLOSED) {
                    throw closedException();
                }
                Rejection r = rejection.get();
                if (r != null && r.at - start >= 0 && (r.everyone || rejection.compareAndSet(r, null))) {
                    if (w.cancel()) {
                        throw new SQLInvalidAuthorizationSpecException(r.error.getMessage(), r.error.getSQLState(),
                                r.error);
                    }
                    if (!r.everyone) {
                        rejection.compareAndSet(null, r);
                    }
                    continue;
                }
                // Looked at after queueing, so a slot pushed meanwhile is never missed.
                Slot s = idle.pop(home);
                if (s != null) {
                    if (w.cancel()) {
                        return s;
                    }
                    offer(s, home);
                    continue;
                }
                if (isClosed()) {
                    if (w.cancel()) {
                        throw closedException();
                    }
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    if (w.cancel()) {
                        throw new SQLException("Interrupted while waiting for a connection to " + target, "HY008");
                    }
                    continue;
                }
                long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
                if (remaining <= 0) {
                    if (w.cancel()) {
                        return null;
                    }
                    continue;
                }
                if (timed) {
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            if (w.item == Waiter.CANCELLED) {
                waiters.remove(w);
            }
        }
    }

    /** When a waiter that starts now is owed the next returned slot: see {@link #VIRTUAL_STARVATION_NANOS}. */
    static long owedFrom(Thread waiter, long now) {
        return now + (VirtualThreads.isVirtual(waiter) ? VIRTUAL_STARVATION_NANOS : STARVATION_NANOS);
    }

    SQLException closedException() {
        return new SQLException("pool is closed (" + target + ")", "08003");
    }

    /**
     * Makes an owned, healthy slot available: straight to the longest waiter when it has waited
     * too long, else onto the idle stack, waking the longest waiter to come and take it. After
     * {@link #close()} the slot goes to {@code afterClose} instead.
     */
    void offer(Slot s, int home) {
        if (signal.get() != 0) {
            if (isClosed()) {
                afterClose.accept(s);
                return;
            }
            Waiter head = waiters.peek();
            if (head != null && System.nanoTime() - head.owedFrom > 0 && handoff(s)) {
                return;
            }
        }
        s.mark(Slot.IDLE);
        idle.push(home, s);
        if (signal.get() != 0) {
            afterPush();
        }
    }

    private boolean handoff(Slot s) {
        s.mark(Slot.IN_USE);
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.offer(s)) {
                return true;
            }
        }
        return false;
    }

    /** After a push saw a signal: the pool closed, or a waiter should come for the slot. */
    private void afterPush() {
        if (isClosed()) {
            drain();
        } else {
            wakeHead();
        }
    }

    /** Wakes the longest waiter, if any, to look for a slot. */
    void wakeHead() {
        Waiter head = waiters.peek();
        if (head != null) {
            LockSupport.unpark(head.thread);
        }
    }

    /**
     * Tells waiting borrowers that a login was rejected even with fresh credentials, so that they
     * fail at once with {@code error} instead of at their deadline. Only borrowers that began
     * before {@code at} ({@link System#nanoTime()}) are told: a later one asks for a connect of its
     * own and hears how that ends. With {@code everyone} (the pool has no connection open, so no
     * return can serve them) every such borrower is told, and each is woken; otherwise only one,
     * the first to look (the head is woken), as the one the failed connect was for, and the others
     * keep waiting for a returned connection. A waiter handed a slot meanwhile keeps the slot.
     */
    void reject(SQLException error, long at, boolean everyone) {
        rejection.set(new Rejection(error, at, everyone));
        if (everyone) {
            for (Waiter w : waiters) {
                LockSupport.unpark(w.thread);
            }
        } else {
            wakeHead();
        }
    }

    /** Ends lending: every waiter is told the pool closed, and idle slots go to {@code afterClose}. */
    void close() {
        signal.getAndUpdate(v -> v | CLOSED_BIT);
        Waiter w;
        while ((w = waiters.poll()) != null) {
            w.offer(Waiter.CLOSED);
        }
        drain();
    }

    /** Takes every idle slot off the stacks and gives it to {@code afterClose}. */
    void drain() {
        for (int stripe = 0; stripe < idle.stripes(); stripe++) {
            Slot s = idle.takeAll(stripe);
            while (s != null) {
                Slot below = idle.below(s);
                afterClose.accept(s);
                s = below;
            }
        }
    }

    /** Decides, least recently used first, whether an idle slot is to be removed. */
    @FunctionalInterface
    interface IdleFilter {
        boolean remove(Slot s);
    }

    /**
     * Detaches each idle stack, takes out the slots {@code filter} selects and puts the rest back
     * in the same order. The removed slots are owned by the caller.
     */
    List<Slot> removeIdle(IdleFilter filter) {
        List<Slot> removed = new ArrayList<>();
        List<Slot> chain = new ArrayList<>();
        for (int stripe = 0; stripe < idle.stripes(); stripe++) {
            chain.clear();
            for (Slot s = idle.takeAll(stripe); s != null; s = idle.below(s)) {
                chain.add(s);
            }
            Slot top = null;
            Slot previous = null;
            boolean[] drop = new boolean[chain.size()];
            for (int i = chain.size() - 1; i >= 0; i--) {
                drop[i] = filter.remove(chain.get(i));
            }
            for (int i = 0; i < chain.size(); i++) {
                Slot s = chain.get(i);
                if (drop[i]) {
                    removed.add(s);
                } else if (previous == null) {
                    top = s;
                    previous = s;
                } else {
                    previous.next = s.index + 1;
                    previous = s;
                }
            }
            if (top != null) {
                idle.pushChain(stripe, top, previous);
            }
        }
        if (signal.get() != 0) {
            afterPush();
        }
        return removed;
    }
}
