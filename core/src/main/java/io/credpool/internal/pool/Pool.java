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
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool engine behind {@code io.credpool.ConnectionPool}.
 *
 * <p>Borrowing pops the most recently returned idle slot from a lock-free stack (one CAS) and
 * wraps it in a small {@link ConnectionProxy}; returning pushes it back (one CAS). Only when no
 * idle connection is left does a borrower take the slow path: claim an empty slot for a
 * background connector, yield a few times, then park in a FIFO queue. A returned connection
 * wakes the longest waiter and stays up for grabs, except that a waiter queued for more than
 * {@link #STARVATION_NANOS} is handed it directly, so waiters are served in arrival order and a
 * newcomer gets ahead of them for at most that long. There are no locks; threads block only by
 * parking while they wait.
 *
 * <p>{@link #signal} folds the count of borrowers on the slow path and the closed flag into one
 * int, so a returning thread learns with a single volatile read that nobody needs attention.
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
    final PoolSettings settings;
    final Slot[] slots;
    final IdleStacks idle;
    private final Connector connector;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Waiting borrowers, plus {@link #CLOSED_BIT} once the pool closes. */
    final AtomicInteger signal = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** Slots claimed by connectors, including ones waiting to retry. */
    private final AtomicInteger connecting = new AtomicInteger();
    /** Connections last lent before this moment are validated before they are lent again: a fatal error was seen. */
    private volatile long suspectBefore;
    /** {@link System#nanoTime()} as of the last housekeeping run: a clock that costs nothing to read. */
    volatile long clock;
    private volatile ConnectFailure lastFailure;
    /** A login rejected even with fresh credentials, for the borrower that needed the connection. */
    private final AtomicReference<Rejection> rejection = new AtomicReference<>();

    private final long acquireTimeoutNanos;
    final long leakNanos;
    private final long lifetimeNanos;
    final long idleTimeoutNanos;
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

    /** A background login was rejected twice at {@code at}: borrowers that began before then are not told. */
    private record Rejection(SQLException error, long at) {
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
        this.clock = System.nanoTime();

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
        long period = Housekeeping.periodMillis(settings);
        housekeeper.scheduleWithFixedDelay(new Housekeeping(this), period, period, TimeUnit.MILLISECONDS);
        if (settings.minIdle() > 1) {
            housekeeper.execute(() -> grow());
        }
    }

    // ---- borrowing ------------------------------------------------------------------------

    /** Borrows a connection: see {@code ConnectionPool.getConnection()}. */
    public Connection acquire() throws SQLException {
        if (closed) {
            throw closedException();
        }
        int home = idle.home();
        Slot s = idle.pop(home);
        long now = System.nanoTime();
        if (s == null || now - s.lastBorrowed > ALIVE_BYPASS_NANOS || s.lastBorrowed - suspectBefore <= 0
                || now - s.expiresAt >= 0) {
            s = acquireSlow(s, now, home);
        } else {
            s.lastBorrowed = now;
        }
        // The proxy is made in one place only, so that the JIT can keep it off the heap when the
        // caller's use of it is inlined.
        s.mark(Slot.IN_USE);
        if (leakNanos != 0) {
            s.leak = new LeakRecord(s.lastBorrowed, Thread.currentThread().getName());
        }
        return new ConnectionProxy(this, s);
    }

    /** A usable, owned slot, starting from {@code candidate} (which may need checking) if any. */
    private Slot acquireSlow(Slot candidate, long start, int home) throws SQLException {
        long deadline = start + acquireTimeoutNanos;
        Slot s = candidate;
        // Counted from here, not from queueing, so that connectors see the demand while we look around.
        signal.incrementAndGet();
        try {
            for (;;) {
                if (s != null && usable(s, deadline)) {
                    return s;
                }
                if (closed) {
                    throw closedException();
                }
                s = idle.pop(home);
                if (s == null) {
                    grow();
                    s = yieldThenPop(home);
                    if (s == null) {
                        s = await(home, start, deadline);
                    }
                }
            }
        } finally {
            // Another waiter may be owed the wake-up this one consumed.
            if ((signal.decrementAndGet() & WAITING_MASK) != 0 && idle.any()) {
                wakeHead();
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

    /**
     * Whether an owned slot may be lent, validating it when it was last lent more than 500 ms ago
     * or before a fatal error was seen; retires it when not. Marks it as lent now when it may.
     */
    private boolean usable(Slot s, long deadline) {
        long now = System.nanoTime();
        if (s.evict || now - s.expiresAt >= 0) {
            retire(s);
            return false;
        }
        long last = s.lastBorrowed;
        if (now - last > ALIVE_BYPASS_NANOS || last - suspectBefore <= 0) {
            if (!validate(s, deadline)) {
                LOG.log(DEBUG, () -> "Discarding a connection to " + target + " that failed validation");
                suspectBefore = System.nanoTime();
                retire(s);
                return false;
            }
            now = System.nanoTime();
        }
        s.lastBorrowed = now;
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
    private Slot await(int home, long start, long deadline) throws SQLException {
        Waiter w = new Waiter(Thread.currentThread(), System.nanoTime());
        waiters.offer(w);
        try {
            for (;;) {
                Object item = w.item;
                if (item instanceof Slot) {
                    return (Slot) item;
                } else if (item == Waiter.CLOSED) {
                    throw closedException();
                }
                Rejection r = rejection.get();
                if (r != null && r.at - start >= 0 && rejection.compareAndSet(r, null)) {
                    if (w.cancel()) {
                        throw new SQLInvalidAuthorizationSpecException(r.error.getMessage(), r.error.getSQLState(),
                                r.error);
                    }
                    rejection.compareAndSet(null, r);
                    continue;
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
        // No clock read here: the borrow's time and the housekeeper's coarse clock are precise
        // enough for the idle timeout and lifetime, and a clock read costs as much as the rest.
        long now = clock;
        s.idleSince = Math.max(now, s.lastBorrowed);
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
    void afterPush() {
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
        s.lastBorrowed = now;
        s.idleSince = now;
        s.expiresAt = now + (lifetimeNanos == 0 ? Long.MAX_VALUE / 4
                : lifetimeNanos - (long) (lifetimeNanos * LIFETIME_VARIANCE * random.nextDouble()));
        s.evict = false;
        s.attempt = 0;
        created.increment();
    }

    /**
     * Claims empty slots for background connects while more borrowers wait than connects are
     * under way, or the pool is below {@code minIdle}. During an outage a single slot keeps
     * probing.
     */
    void grow() {
        grow(0);
    }

    /**
     * {@link #grow()} just after {@code offered} new connections were made available: the borrowers
     * they are for still count as waiting until they take them, so they are not counted as demand.
     */
    private void grow(int offered) {
        while (!closed) {
            int pending = connecting.get();
            // An idle connection is demand being met: a connect that finished while this loop ran
            // must not be answered with another one.
            int wanted = idle.any() ? 0 : (signal.get() & WAITING_MASK) - offered;
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
                s.attempt = 0;
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
            rejection.set(new Rejection(e, System.nanoTime()));
            wakeHead();
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
        grow(1);
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
            grow();
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

    void retireNow(Slot s) {
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

    int total() {
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
            // Connects under way are pointless now; queued closes and connects still run, here.
            for (Runnable task : connectors.shutdownNow()) {
                task.run();
            }
            while (busy() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            for (Slot s : slots) {
                if (s.state() == Slot.IN_USE) {
                    abort(s);
                }
            }
            awaitQuietly(connectors, Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
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

    private static void awaitQuietly(ExecutorService executor, long nanos) {
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
