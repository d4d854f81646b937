package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.credpool.PoolSettings;
import io.credpool.PoolStats;
import io.credpool.RetryPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool engine behind {@code io.credpool.ConnectionPool}.
 *
 * <p>Borrowing pops the most recently returned idle slot from a lock-free stack (one CAS) and
 * wraps it in a small {@link ConnectionProxy}; returning pushes it back (one CAS). Only when no
 * idle connection is left does a borrower take the slow path: claim an empty slot for a
 * background connector, then wait in a FIFO queue where returned and new connections are handed
 * over directly. There are no locks; threads block only by parking while they wait.
 *
 * <p>{@link #signal} folds the waiter count and the closed flag into one int, so a returning
 * thread learns with a single volatile read that nobody needs attention.
 */
public final class Pool {

    static final System.Logger LOG = System.getLogger("io.credpool");

    /** A connection used this recently is handed out without {@code isValid}. */
    private static final long ALIVE_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** While borrowers wait, background connects never pause longer than this between attempts. */
    private static final long MAX_BACKGROUND_DELAY_MS = 2000;
    /** Background retries are spread by at least this fraction so that pools do not retry in step. */
    private static final double MIN_BACKGROUND_JITTER = 0.2;
    /** Lifetimes are shortened by up to this fraction so that connections do not expire together. */
    private static final double LIFETIME_VARIANCE = 0.025;
    /**
     * A waiter queued longer than this is handed the next returned connection directly. Before
     * that, returned connections stay up for grabs and the longest waiter is merely woken: under
     * heavy load, reserving every connection for a parked thread would make each borrow cost a
     * context switch.
     */
    private static final long STARVATION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int YIELDS_BEFORE_PARKING = 3;
    private static final int CLOSED_BIT = 1 << 30;
    private static final int WAITING_MASK = CLOSED_BIT - 1;

    final PoolConfig config;
    final String target;
    final boolean logStatements;
    private final PoolSettings settings;
    private final Slot[] slots;
    private final IdleStacks idle;
    private final Connector connector;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Waiting borrowers, plus {@link #CLOSED_BIT} once the pool closes. */
    private final AtomicInteger signal = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** Slots claimed by connectors, including ones waiting to retry. */
    private final AtomicInteger connecting = new AtomicInteger();
    /** Connections last used before this moment are validated before they are lent: a fatal error was seen. */
    private volatile long suspectBefore;
    private volatile ConnectFailure lastFailure;

    private final long acquireTimeoutNanos;
    private final long leakNanos;
    private final long lifetimeNanos;
    private final long idleTimeoutNanos;
    private final int validationSeconds;
    private final Random random = new Random();

    private final ScheduledThreadPoolExecutor housekeeper;
    private final ThreadPoolExecutor connectors;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final LongAdder created = new LongAdder();
    private final LongAdder closedCount = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();

    /** The last background connect failed: why, for timeout messages. */
    private record ConnectFailure(Throwable error, String reason) {
    }

    private Pool(PoolConfig config) {
        this.config = config;
        this.target = config.target();
        this.logStatements = config.logStatements();
        this.settings = config.settings();
        this.slots = new Slot[settings.maxSize()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i);
        }
        this.idle = new IdleStacks(slots, IdleStacks.stripesFor(slots.length));
        this.connector = new Connector(config);
        this.acquireTimeoutNanos = settings.acquireTimeout().toNanos();
        this.leakNanos = settings.leakThreshold().toNanos();
        this.lifetimeNanos = settings.maxLifetime().toNanos();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
        this.validationSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (settings.validationTimeout().toMillis() + 999) / 1000));
        this.suspectBefore = System.nanoTime() - 1;

        this.housekeeper = new ScheduledThreadPoolExecutor(1, PoolThreads.housekeeper());
        housekeeper.setRemoveOnCancelPolicy(true);
        housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        housekeeper.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        // A few connects in parallel fill a pool quickly without storming the database.
        int n = Math.min(settings.maxSize(), 4);
        this.connectors = new ThreadPoolExecutor(n, n, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                PoolThreads.connector());
        connectors.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens the first connection under the retry policy, then starts the pool.
     *
     * @throws SQLException when every attempt failed, or at once when the login was rejected;
     *                      the credential source is closed then
     */
    public static Pool start(PoolConfig config) throws SQLException {
        Pool pool = new Pool(config);
        try {
            Connection first = pool.openAtStart();
            Slot s = pool.slots[0];
            s.set(Slot.CONNECTING);
            pool.install(s, first);
            s.mark(Slot.IDLE);
            pool.idle.push(pool.idle.home(), s);
            LOG.log(INFO, "Database connection established successfully");
            pool.startHousekeeping();
            return pool;
        } catch (SQLException | RuntimeException | Error e) {
            pool.housekeeper.shutdownNow();
            pool.connectors.shutdownNow();
            pool.closeSource();
            throw e;
        }
    }

    private Connection openAtStart() throws SQLException {
        RetryPolicy retry = settings.retry();
        int max = retry.maxAttempts();
        SQLException last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            try {
                return connector.open();
            } catch (AuthenticationFailure e) {
                failedConnects.increment();
                throw e;
            } catch (SQLException e) {
                failedConnects.increment();
                last = e;
                if (attempt == max) {
                    break;
                }
                long delay = retry.delayBefore(attempt + 1, random.nextDouble()).toMillis();
                LOG.log(WARNING, "Connection attempt " + attempt + "/" + max + " to " + target + " failed ("
                        + connector.reason(e) + "); retrying in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    SQLException stop = new SQLException("Interrupted while connecting to " + target, "08001", e);
                    throw stop;
                }
            }
        }
        throw new SQLException("Failed to connect to " + target + " after " + max
                + (max == 1 ? " attempt" : " attempts"), "08001", last);
    }

    private void startHousekeeping() {
        long period = housekeepingPeriodMillis(settings);
        housekeeper.scheduleWithFixedDelay(this::housekeep, period, period, TimeUnit.MILLISECONDS);
        if (settings.minIdle() > 1) {
            housekeeper.execute(() -> grow(0));
        }
    }

    /** A quarter of the shortest timed duration, between 10 ms and 5 s. */
    static long housekeepingPeriodMillis(PoolSettings s) {
        long shortest = 20_000;
        for (java.time.Duration d : new java.time.Duration[] {s.idleTimeout(), s.maxLifetime(), s.leakThreshold()}) {
            if (!d.isZero()) {
                shortest = Math.min(shortest, d.toMillis());
            }
        }
        return Math.max(10, Math.min(5000, shortest / 4));
    }

    // ---- borrowing ------------------------------------------------------------------------

    /** Borrows a connection: see {@code ConnectionPool.getConnection()}. */
    public Connection acquire() throws SQLException {
        if (closed) {
            throw closedException();
        }
        int home = idle.home();
        Slot s = idle.pop(home);
        if (s != null) {
            long now = System.nanoTime();
            long last = s.lastAccess;
            if (now - last <= ALIVE_BYPASS_NANOS && last - suspectBefore > 0 && now - s.expiresAt < 0) {
                return lease(s, now);
            }
            return acquireSlow(s, now, home);
        }
        return acquireSlow(null, System.nanoTime(), home);
    }

    private Connection lease(Slot s, long now) {
        s.mark(Slot.IN_USE);
        if (leakNanos != 0) {
            s.leak = new LeakRecord(now, Thread.currentThread().getName());
        }
        return new ConnectionProxy(this, s);
    }

    private Connection acquireSlow(Slot candidate, long start, int home) throws SQLException {
        long deadline = start + acquireTimeoutNanos;
        Slot s = candidate;
        for (;;) {
            if (s != null && usable(s, deadline)) {
                return lease(s, System.nanoTime());
            }
            if (closed) {
                throw closedException();
            }
            s = idle.pop(home);
            if (s == null) {
                grow(1);
                s = yieldThenPop(home);
                if (s == null) {
                    s = await(home, deadline);
                }
            }
        }
    }

    /**
     * Lets other threads run a few times before parking: a borrower that finds the pool empty is
     * usually waiting for a holder that lost its CPU, and parking costs far more than yielding.
     */
    private Slot yieldThenPop(int home) {
        for (int i = 0; i < YIELDS_BEFORE_PARKING; i++) {
            Thread.yield();
            Slot s = idle.pop(home);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** Whether an owned slot may be lent; retires it when not. */
    private boolean usable(Slot s, long deadline) {
        long now = System.nanoTime();
        if (s.evict || now - s.expiresAt >= 0) {
            retire(s);
            return false;
        }
        long last = s.lastAccess;
        if (now - last > ALIVE_BYPASS_NANOS || last - suspectBefore <= 0) {
            if (!validate(s, deadline)) {
                LOG.log(DEBUG, () -> "Discarding a connection to " + target + " that failed validation");
                suspectBefore = System.nanoTime();
                retire(s);
                return false;
            }
            s.lastAccess = System.nanoTime();
        }
        return true;
    }

    private boolean validate(Slot s, long deadline) {
        int seconds = validationSeconds;
        if (acquireTimeoutNanos != 0) {
            long remaining = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime() + 999_999_999L);
            seconds = (int) Math.max(1, Math.min(seconds, remaining));
        }
        try {
            return s.raw.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Queues the caller and parks it until it takes an idle slot, one is handed over, the
     * deadline passes or the pool closes. Woken waiters compete with arriving borrowers for idle
     * slots; a waiter that has waited longer than {@link #STARVATION_NANOS} is handed the next
     * returned slot directly instead.
     */
    private Slot await(int home, long deadline) throws SQLException {
        Waiter w = new Waiter(Thread.currentThread(), System.nanoTime());
        waiters.offer(w);
        signal.incrementAndGet();
        try {
            for (;;) {
                Object item = w.item;
                if (item instanceof Slot) {
                    return (Slot) item;
                } else if (item == Waiter.CLOSED) {
                    throw closedException();
                } else if (item instanceof SQLException) {
                    SQLException e = (SQLException) item;
                    throw new SQLInvalidAuthorizationSpecException(e.getMessage(), e.getSQLState(), e);
                }
                // Looked at after queueing, so a slot pushed meanwhile is never missed.
                Slot s = idle.pop(home);
                if (s != null) {
                    if (w.cancel()) {
                        return s;
                    }
                    offerIdle(s, home);
                    continue;
                }
                if (closed) {
                    if (w.cancel()) {
                        throw closedException();
                    }
                } else if (Thread.currentThread().isInterrupted()) {
                    if (w.cancel()) {
                        throw new SQLException("Interrupted while waiting for a connection to " + target, "HY008");
                    }
                } else if (acquireTimeoutNanos == 0) {
                    LockSupport.park(this);
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining > 0) {
                        LockSupport.parkNanos(this, remaining);
                    } else if (w.cancel()) {
                        throw timeout();
                    }
                }
            }
        } finally {
            if (w.item == Waiter.CANCELLED) {
                waiters.remove(w);
            }
            // Another waiter may be owed the wake-up this one consumed.
            if ((signal.decrementAndGet() & WAITING_MASK) != 0 && idle.any()) {
                wakeHead();
            }
        }
    }

    private SQLException timeout() {
        timeouts.increment();
        String message = "Timed out after " + TimeUnit.NANOSECONDS.toMillis(acquireTimeoutNanos)
                + " ms waiting for a connection to " + target + " (" + stats().counts() + ")";
        ConnectFailure failure = lastFailure;
        if (failure != null) {
            return new SQLTransientConnectionException(message + "; last connection attempt failed: "
                    + failure.reason(), "08001", failure.error());
        }
        return new SQLTransientConnectionException(message, "08001");
    }

    private SQLException closedException() {
        return new SQLException("pool is closed (" + target + ")", "08003");
    }

    // ---- returning ------------------------------------------------------------------------

    /** Takes back a borrowed slot: called once per lease by {@link ConnectionProxy#close()}. */
    void release(Slot s) {
        if (!s.evict && s.session.needsReset()) {
            try {
                s.session.reset(s.raw);
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException && SqlStates.isFatal((SQLException) e)) {
                    suspectBefore = System.nanoTime();
                }
                LOG.log(DEBUG, () -> "Discarding a connection to " + target + " whose reset failed: "
                        + connector.reason(e));
                s.evict = true;
            }
        }
        if (leakNanos != 0) {
            leakReturned(s);
        }
        long now = System.nanoTime();
        s.lastAccess = now;
        if (s.evict || now - s.expiresAt >= 0) {
            retire(s);
            return;
        }
        offerIdle(s, idle.home());
    }

    /** A statement on this slot's connection raised a fatal SQLState: evict it, and check the others. */
    void fatal(Slot s) {
        s.evict = true;
        suspectBefore = System.nanoTime();
    }

    /**
     * Makes an owned, healthy slot available: straight to the longest waiter when it has waited
     * too long, else onto the idle stack, waking the longest waiter to come and take it.
     */
    private void offerIdle(Slot s, int home) {
        if (signal.get() != 0) {
            if (closed) {
                retire(s);
                return;
            }
            Waiter head = waiters.peek();
            if (head != null && System.nanoTime() - head.since > STARVATION_NANOS && handoff(s)) {
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
        if (closed) {
            closeIdle();
        } else {
            wakeHead();
        }
    }

    private void wakeHead() {
        Waiter head = waiters.peek();
        if (head != null) {
            LockSupport.unpark(head.thread);
        }
    }

    private void leakReturned(Slot s) {
        LeakRecord r = s.leak;
        s.leak = null;
        if (r != null && r.reported) {
            LOG.log(INFO, "Previously reported leaked connection to " + target + " was returned after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.borrowedAt) + " ms (borrowed by thread "
                    + r.thread + ")");
        }
    }

    // ---- opening and closing physical connections -----------------------------------------

    private void install(Slot s, Connection c) throws SQLException {
        try {
            s.session.start(c);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        long now = System.nanoTime();
        s.raw = c;
        s.createdAt = now;
        s.lastAccess = now;
        s.expiresAt = now + (lifetimeNanos == 0 ? Long.MAX_VALUE / 4
                : lifetimeNanos - (long) (lifetimeNanos * LIFETIME_VARIANCE * random.nextDouble()));
        s.evict = false;
        s.attempt = 0;
        created.increment();
    }

    /**
     * Claims empty slots for background connects while more borrowers wait (plus {@code extra}
     * about to) than connects are under way, or the pool is below {@code minIdle}. During an
     * outage a single slot keeps probing.
     */
    private void grow(int extra) {
        while (!closed) {
            int pending = connecting.get();
            int wanted = (signal.get() & WAITING_MASK) + extra;
            if (pending >= wanted && (settings.minIdle() == 0 || total() >= settings.minIdle())) {
                return;
            }
            if (pending > 0 && lastFailure != null) {
                return;
            }
            Slot s = claimEmpty();
            if (s == null) {
                return;
            }
            submitConnect(s);
        }
    }

    private Slot claimEmpty() {
        for (Slot s : slots) {
            if (s.state() == Slot.EMPTY && s.claim(Slot.EMPTY, Slot.CONNECTING)) {
                connecting.incrementAndGet();
                return s;
            }
        }
        return null;
    }

    private void submitConnect(Slot s) {
        try {
            connectors.execute(() -> connectInBackground(s));
        } catch (RejectedExecutionException e) {
            abandon(s);
        }
    }

    private void connectInBackground(Slot s) {
        s.retryPending = false;
        if (closed) {
            abandon(s);
            return;
        }
        Connection c;
        try {
            c = connector.open();
            install(s, c);
        } catch (AuthenticationFailure e) {
            failedConnects.increment();
            lastFailure = new ConnectFailure(e, connector.reason(e));
            LOG.log(WARNING, e.getMessage());
            abandon(s);
            // No backoff loop for a rejected login: the borrower that needed this connection hears it now.
            Waiter w;
            while ((w = waiters.poll()) != null && !w.offer(e)) {
                // cancelled waiter: try the next one
            }
            return;
        } catch (SQLException | RuntimeException e) {
            failedConnects.increment();
            s.attempt++;
            String reason = connector.reason(e);
            lastFailure = new ConnectFailure(e, reason);
            if (closed || !wanted()) {
                LOG.log(WARNING, "Connection attempt to " + target + " failed (" + reason + ")");
                abandon(s);
                return;
            }
            long delay = backgroundDelay(s.attempt);
            LOG.log(WARNING, "Connection attempt " + s.attempt + " to " + target + " failed (" + reason
                    + "); retrying in " + delay + " ms");
            s.retryPending = true;
            try {
                housekeeper.schedule(() -> submitConnect(s), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException rejected) {
                abandon(s);
            }
            return;
        }
        connecting.decrementAndGet();
        lastFailure = null;
        if (closed) {
            retire(s);
            return;
        }
        offerIdle(s, idle.home());
        grow(0);
    }

    private boolean wanted() {
        return (signal.get() & WAITING_MASK) != 0 || total() < settings.minIdle();
    }

    private long backgroundDelay(int attempt) {
        RetryPolicy retry = settings.retry();
        long full = Math.min(retry.delayBefore(attempt + 1).toMillis(), MAX_BACKGROUND_DELAY_MS);
        double jitter = Math.max(retry.jitter(), MIN_BACKGROUND_JITTER);
        return (long) (full * (1.0 - jitter * random.nextDouble()));
    }

    /** Gives a claimed slot back without a connection. */
    private void abandon(Slot s) {
        if (s.claim(Slot.CONNECTING, Slot.EMPTY)) {
            s.retryPending = false;
            connecting.decrementAndGet();
        }
    }

    /** Closes an owned slot's connection off the caller's thread; the slot stays counted until it is closed. */
    private void retire(Slot s) {
        s.set(Slot.CLOSING);
        Connection raw = s.raw;
        s.raw = null;
        s.leak = null;
        try {
            connectors.execute(() -> finishRetire(s, raw));
        } catch (RejectedExecutionException e) {
            finishRetire(s, raw);
        }
    }

    private void finishRetire(Slot s, Connection raw) {
        closeQuietly(raw);
        closedCount.increment();
        s.set(Slot.EMPTY);
        if (!closed && wanted()) {
            grow(0);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.log(DEBUG, () -> "Closing a connection failed: " + e.getClass().getName());
            }
        }
    }

    // ---- housekeeping ---------------------------------------------------------------------

    private void housekeep() {
        try {
            long now = System.nanoTime();
            if (anyIdleToEvict(now)) {
                evictIdle(now);
            }
            if (leakNanos != 0) {
                reportLeaks(now);
            }
            grow(0);
        } catch (RuntimeException | Error e) {
            LOG.log(WARNING, "Connection pool housekeeping for " + target + " failed", e);
        }
    }

    /** A cheap, racy look that spares detaching the idle stacks when nothing is due. */
    private boolean anyIdleToEvict(long now) {
        boolean aboveMin = total() > settings.minIdle();
        for (Slot s : slots) {
            if (s.state() == Slot.IDLE && (now - s.expiresAt >= 0
                    || (aboveMin && idleTimeoutNanos != 0 && now - s.lastAccess > idleTimeoutNanos))) {
                return true;
            }
        }
        return false;
    }

    private void evictIdle(long now) {
        int total = total();
        List<Slot> evicted = new ArrayList<>();
        List<Slot> chain = new ArrayList<>();
        for (int stripe = 0; stripe < idle.stripes(); stripe++) {
            chain.clear();
            for (Slot s = idle.takeAll(stripe); s != null; s = idle.below(s)) {
                chain.add(s);
            }
            // Least recently used first, so the idle timeout trims the coldest connections.
            boolean[] drop = new boolean[chain.size()];
            for (int i = chain.size() - 1; i >= 0; i--) {
                Slot s = chain.get(i);
                if (now - s.expiresAt >= 0 || (idleTimeoutNanos != 0 && now - s.lastAccess > idleTimeoutNanos
                        && total > settings.minIdle())) {
                    drop[i] = true;
                    total--;
                    evicted.add(s);
                }
            }
            Slot top = null;
            Slot previous = null;
            for (int i = 0; i < chain.size(); i++) {
                if (!drop[i]) {
                    Slot s = chain.get(i);
                    if (previous == null) {
                        top = s;
                    } else {
                        previous.next = s.index + 1;
                    }
                    previous = s;
                }
            }
            if (top != null) {
                idle.pushChain(stripe, top, previous);
            }
        }
        for (Slot s : evicted) {
            retireNow(s);
        }
        if (signal.get() != 0) {
            afterPush();
        }
    }

    private void reportLeaks(long now) {
        for (Slot s : slots) {
            LeakRecord r = s.leak;
            if (r != null && !r.reported && now - r.borrowedAt > leakNanos) {
                r.reported = true;
                LOG.log(WARNING, "Connection leak detection: a connection to " + target + " was borrowed "
                        + TimeUnit.NANOSECONDS.toMillis(now - r.borrowedAt) + " ms ago by thread " + r.thread
                        + " and has not been returned (leak threshold " + settings.leakThreshold().toMillis()
                        + " ms); stack of the borrow follows", r.stack);
            }
        }
    }

    private void retireNow(Slot s) {
        s.set(Slot.CLOSING);
        Connection raw = s.raw;
        s.raw = null;
        finishRetire(s, raw);
    }

    private void closeIdle() {
        for (int stripe = 0; stripe < idle.stripes(); stripe++) {
            Slot s = idle.takeAll(stripe);
            while (s != null) {
                Slot below = idle.below(s);
                retireNow(s);
                s = below;
            }
        }
    }

    // ---- observing and closing ------------------------------------------------------------

    private int total() {
        int total = 0;
        for (Slot s : slots) {
            if (s.state() != Slot.EMPTY) {
                total++;
            }
        }
        return total;
    }

    /** A snapshot of the live counts and counters. */
    public PoolStats stats() {
        int total = 0;
        int active = 0;
        int idleCount = 0;
        for (Slot s : slots) {
            int state = s.state();
            if (state != Slot.EMPTY) {
                total++;
                if (state == Slot.IN_USE) {
                    active++;
                } else if (state == Slot.IDLE) {
                    idleCount++;
                }
            }
        }
        return new PoolStats(total, active, idleCount, signal.get() & WAITING_MASK, created.sum(),
                closedCount.sum(), timeouts.sum(), failedConnects.sum());
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the pool: see {@code ConnectionPool.close()}. A second call waits for the first to
     * finish.
     */
    public void close() {
        long shutdownNanos = settings.shutdownTimeout().toNanos();
        if (!closing.compareAndSet(false, true)) {
            try {
                terminated.await(shutdownNanos + TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long deadline = System.nanoTime() + shutdownNanos;
        closed = true;
        signal.addAndGet(CLOSED_BIT);
        try {
            Waiter w;
            while ((w = waiters.poll()) != null) {
                w.offer(Waiter.CLOSED);
            }
            housekeeper.shutdownNow();
            closeIdle();
            for (Slot s : slots) {
                if (s.retryPending) {
                    abandon(s);
                }
            }
            while (busy() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            for (Slot s : slots) {
                if (s.state() == Slot.IN_USE) {
                    abort(s);
                }
            }
            connectors.shutdown();
            awaitQuietly(connectors, Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
            connectors.shutdownNow();
            awaitQuietly(connectors, TimeUnit.SECONDS.toNanos(1));
            awaitQuietly(housekeeper, TimeUnit.SECONDS.toNanos(1));
            closeIdle();
        } finally {
            closeSource();
            terminated.countDown();
        }
        LOG.log(INFO, "Connection pool for " + target + " closed");
    }

    private boolean busy() {
        for (Slot s : slots) {
            int state = s.state();
            if (state == Slot.IN_USE || state == Slot.CLOSING || (state == Slot.CONNECTING && !s.retryPending)) {
                return true;
            }
        }
        return false;
    }

    private void abort(Slot s) {
        Connection raw = s.raw;
        if (raw == null) {
            return;
        }
        s.evict = true;
        LOG.log(WARNING, "Aborting a connection to " + target + " still borrowed after the shutdown timeout of "
                + settings.shutdownTimeout().toMillis() + " ms");
        try {
            raw.abort(Session.DIRECT);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(raw);
        }
    }

    private static void awaitQuietly(java.util.concurrent.ExecutorService executor, long nanos) {
        try {
            executor.awaitTermination(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSource() {
        try {
            config.source().close();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "Closing the credential source for " + target + " failed: "
                    + e.getClass().getName());
        }
    }

    /** The redacted target and live counts. */
    public String describe() {
        return target + ", " + stats().counts();
    }
}
