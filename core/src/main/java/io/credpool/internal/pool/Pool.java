package io.credpool.internal.pool;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.credpool.PoolHealth;
import io.credpool.PoolSettings;
import io.credpool.PoolStats;
import io.credpool.RetryPolicy;
import io.credpool.internal.config.PoolKeys;
import io.credpool.internal.retry.Retry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool engine behind {@code io.credpool.ConnectionPool}: the lifecycle of physical
 * connections (start, grow, connect, validate, retire, close). Lending them out is
 * {@link Lending}'s job; closing them is {@link Closer}'s; periodic chores are
 * {@link Housekeeping}'s. Slot states and who may change them are in {@link Slot}.
 *
 * <p>Threads: borrowers never open or close a connection themselves. Connects run on up to four
 * connector threads, closes on up to four closer threads, validations that a borrower waits for
 * on validator threads (so the borrower's deadline holds whatever the driver does), and the
 * one housekeeping thread that all pools share ({@link Scheduler}) runs the chores and connect
 * retries. No locks but the one that keeps two {@link #resize} calls apart; threads block only
 * by parking.
 */
public final class Pool implements Housekeeping.Tended {

    static final System.Logger LOG = System.getLogger("io.credpool");

    /** A connection used this recently is handed out without {@code isValid}. */
    static final long ALIVE_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** While borrowers wait, background connects never pause longer than this between attempts. */
    private static final long MAX_BACKGROUND_DELAY_MS = 2000;
    /** Background retries are spread by at least this fraction so that pools do not retry in step. */
    private static final double MIN_BACKGROUND_JITTER = 0.2;
    /** Lifetimes are shortened by up to this fraction so that connections do not expire together. */
    private static final double LIFETIME_VARIANCE = 0.025;
    /** How often {@link #close()} looks again at what it waits for. */
    private static final long CLOSE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    final PoolSetup config;
    final String target;
    final boolean logStatements;
    /** The user's listener, or null: the hot path tests this field and does nothing more without one. */
    private final SafeListener listener;
    /** JFR events, or null when {@code jdk.jfr} is missing. */
    private final FlightEvents flight;
    /** The settings in force: {@link #resize} replaces them with a copy of another {@code maxSize}. */
    private volatile PoolSettings settings;
    /**
     * Every slot made so far. {@link #resize} grows it by copying and never shrinks it, so a slot
     * keeps its index for good; only indexes below {@code settings.maxSize()} are claimed.
     */
    private volatile Slot[] slots;
    /** Held by {@link #resize} only: two resizes at once must not both copy the slots. */
    private final ReentrantLock resizing = new ReentrantLock();
    private final Lending lending;
    private final Connector connector;
    private final Closer closer;
    private final Clock clock;
    private final AtomicBoolean closing = new AtomicBoolean();
    /**
     * Slots claimed by connectors, including ones waiting to retry, until their connection is
     * idle, lent or closing: {@link #suspend()} waits for them.
     */
    private final AtomicInteger connecting = new AtomicInteger();
    /**
     * The connects growth counts on: {@link #connecting} less those whose connection is being
     * offered. A borrower that arrives after the offer must not count on a connect whose
     * connection someone else already took.
     */
    private final AtomicInteger promised = new AtomicInteger();
    /**
     * Held while growth claims slots, so that two threads never both claim for the same demand
     * (two closes ending at once under {@code minIdle} opened a connection too many). Taken only
     * when there is demand and an empty slot: never at the pool's ceiling.
     */
    private final ReentrantLock growing = new ReentrantLock();
    /**
     * Connections last lent before this moment take the slow path when they are lent again: they
     * are validated (a fatal error was seen), or retired (their {@link Slot#generation} is out of
     * date). Only ever raised, through {@link #suspect}.
     */
    private volatile long suspectBefore;
    /**
     * Raised by {@link #evictIdle()}: a connection whose connect began under an older generation
     * is retired instead of being lent or put back. Checked on return and on the slow path; the
     * fast path never sees such a connection, because {@link #suspectBefore} sends it there.
     */
    private volatile int generation;
    /**
     * Set by {@link #suspend()}, cleared by {@link #resume()}: nothing is connected meanwhile.
     * Raised before the {@link #generation} and read after it by connectors, so a connect that
     * missed it carries an older generation and is retired when it ends.
     */
    private volatile boolean suspended;
    /** {@link #clock} as of the last housekeeping run: a clock that costs nothing to read. */
    private volatile long coarseNow;
    private volatile ConnectFailure lastFailure;
    private final HealthWatch health;

    private final long acquireTimeoutNanos;
    private final long leakNanos;
    private final long lifetimeNanos;
    private final long validationNanos;
    /** The schedule of background connect retries, which the housekeeper runs (nothing waits in a loop). */
    private final Retry backgroundRetry;
    private final Random random = new Random();

    /** This pool's share of the one housekeeping thread all pools use. */
    private final Scheduler housekeeper;
    private final ThreadPoolExecutor connectors;
    private final ThreadPoolExecutor validators;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final LongAdder created = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();

    private static final VarHandle SUSPECT_BEFORE;
    private static final VarHandle GENERATION;
    private static final VarHandle SUSPENDED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUSPECT_BEFORE = lookup.findVarHandle(Pool.class, "suspectBefore", long.class);
            GENERATION = lookup.findVarHandle(Pool.class, "generation", int.class);
            SUSPENDED = lookup.findVarHandle(Pool.class, "suspended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last background connect failed: why, for timeout messages. */
    private record ConnectFailure(Throwable error, String reason) {
    }

    private Pool(PoolSetup config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.target = config.label();
        this.listener = config.listener() == null ? null : new SafeListener(config.listener(), target);
        this.flight = FlightEvents.of(config.name());
        this.logStatements = config.logStatements();
        this.settings = config.settings();
        this.slots = slotsUpTo(new Slot[0], settings.maxSize());
        this.acquireTimeoutNanos = settings.acquireTimeout().toNanos();
        this.backgroundRetry = backgroundRetry(settings.retry());
        this.health = new HealthWatch(acquireTimeoutNanos);
        this.lending = new Lending(slots, target, acquireTimeoutNanos != 0, s -> retire(s, null));
        this.connector = new Connector(config, listener == null ? null
                : () -> listener.credentialsRefreshed(config.provider()), flight);
        this.leakNanos = settings.leakThreshold().toNanos();
        this.lifetimeNanos = settings.maxLifetime().toNanos();
        this.validationNanos = Math.max(TimeUnit.SECONDS.toNanos(1), settings.validationTimeout().toNanos());
        this.suspectBefore = clock.nanoTime() - 1;
        this.coarseNow = clock.nanoTime();

        // A few connects and closes in parallel fill or drain a pool quickly without storming the database.
        int n = Math.min(settings.maxSize(), 4);
        this.connectors = new ThreadPoolExecutor(n, n, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                PoolThreads.connector());
        connectors.allowCoreThreadTimeOut(true);
        this.closer = new Closer(target, n, this::freed);
        // One validation per owned slot at most, so this bound is never reached.
        this.validators = new ThreadPoolExecutor(0, settings.maxSize(), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                PoolThreads.validator());
        this.housekeeper = Scheduler.join();
    }

    /**
     * Opens the first connection under the retry policy, then starts the pool.
     *
     * @throws SQLException when every attempt failed, or at once when the login was rejected;
     *                      the credential source is closed then
     */
    public static Pool start(PoolSetup config) throws SQLException {
        return start(config, Clock.SYSTEM);
    }

    static Pool start(PoolSetup config, Clock clock) throws SQLException {
        Pool pool = new Pool(config, clock);
        try {
            Connection first = pool.openAtStart();
            Slot s = pool.slots[0];
            s.set(Slot.CONNECTING);
            pool.install(s, first);
            pool.lastFailure = null;
            s.mark(Slot.IDLE);
            pool.lending.offer(s, pool.lending.home());
            // The origin's line, word for word; a pool with a name of its own adds it.
            LOG.log(INFO, config.name().equals(config.target()) ? "Database connection established successfully"
                    : "Database connection established successfully (" + config.name() + ")");
            pool.startHousekeeping();
            if (pool.flight != null) {
                pool.flight.watch(pool::stats);
            }
            return pool;
        } catch (SQLException | RuntimeException | Error e) {
            pool.housekeeper.leave();
            pool.connectors.shutdownNow();
            pool.validators.shutdownNow();
            pool.closer.shutdown();
            pool.closeSource();
            throw e;
        }
    }

    private Connection openAtStart() throws SQLException {
        int max = settings.retry().maxAttempts();
        return Retry.on(settings.retry()).call(attempt -> {
            try {
                return open();
            } catch (SQLException e) {
                connectFailed(e, attempt);
                throw e;
            }
        }, new Retry.Failures<SQLException>() {
            @Override
            public boolean retryable(SQLException e) {
                return !(e instanceof AuthenticationFailure);
            }

            @Override
            public void retrying(int attempt, SQLException e, Duration delay) {
                LOG.log(WARNING, "Connection attempt " + attempt + "/" + max + " to " + target + " failed ("
                        + connector.reason(e) + "); retrying in " + delay.toMillis() + " ms");
            }

            @Override
            public SQLException exhausted(SQLException last, int attempts) {
                return new StartFailure("Failed to connect to " + target + " after " + attempts
                        + (attempts == 1 ? " attempt" : " attempts"), last);
            }

            @Override
            public SQLException interrupted(SQLException last) {
                return new SQLException("Interrupted while connecting to " + target, "08001", last);
            }
        });
    }

    private void startHousekeeping() {
        long period = Housekeeping.periodMillis(settings);
        housekeeper.every(period, new Housekeeping(this));
        if (settings.minIdle() > 1) {
            housekeeper.execute(this::grow);
        }
    }

    // ---- borrowing ------------------------------------------------------------------------

    /** Borrows a connection: see {@code ConnectionPool.getConnection()}. */
    public Connection acquire() throws SQLException {
        if (lending.isClosed()) {
            throw lending.closedException();
        }
        long started = listener == null ? 0 : System.nanoTime();
        int home = lending.home();
        Slot s = lending.poll(home);
        long now = clock.nanoTime();
        if (s == null || now - s.lastBorrowed > ALIVE_BYPASS_NANOS || s.lastBorrowed - suspectBefore <= 0
                || now - s.expiresAt >= 0) {
            Object event = flight == null ? null : flight.acquireBegin();
            s = acquireSlow(s, home);
            if (event != null) {
                flight.acquireEnd(event);
            }
        } else {
            s.lastBorrowed = now;
            s.mark(Slot.IN_USE);
        }
        // The proxy is made in one place only, so that the JIT can keep it off the heap when the
        // caller's use of it is inlined.
        if (leakNanos != 0) {
            s.leak = new LeakRecord(s.lastBorrowed, Thread.currentThread().getName());
        }
        if (listener != null) {
            listener.acquired(System.nanoTime() - started);
        }
        return new ConnectionProxy(this, s);
    }

    /** A usable, owned slot, starting from {@code candidate} (which may need checking) if any. */
    private Slot acquireSlow(Slot candidate, int home) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + acquireTimeoutNanos;
        Slot s = candidate;
        lending.enter();
        try {
            for (;;) {
                if (s != null) {
                    s.set(Slot.IN_USE);
                    if (usable(s, deadline)) {
                        if (lending.isClosed()) {
                            // close() waits for owned slots: this one must not leave a closed pool.
                            retire(s, null);
                            throw lending.closedException();
                        }
                        return s;
                    }
                }
                if (lending.isClosed()) {
                    throw lending.closedException();
                }
                if (acquireTimeoutNanos != 0 && System.nanoTime() - deadline >= 0) {
                    throw timeout(start);
                }
                s = lending.poll(home);
                if (s == null) {
                    grow();
                    s = lending.yieldThenPoll(home);
                    if (s == null) {
                        s = lending.await(home, start, deadline, this::grow);
                        if (s == null) {
                            throw timeout(start);
                        }
                    }
                }
            }
        } finally {
            lending.leave();
        }
    }

    /**
     * Whether an owned slot may be lent, validating it when it was last lent more than 500 ms ago
     * or before a fatal error was seen. When it may not, the slot is retired, put back (the
     * deadline passed before it could be validated) or handed to its validation; the caller no
     * longer owns it. Marks it as lent now when it may.
     */
    private boolean usable(Slot s, long deadline) throws SQLException {
        long now = clock.nanoTime();
        String evict = s.evict != null ? s.evict : s.generation != generation ? Evictions.REQUESTED
                : now - s.expiresAt >= 0 ? Evictions.LIFETIME : null;
        if (evict != null) {
            retire(s, evict);
            return false;
        }
        long last = s.lastBorrowed;
        if (now - last > ALIVE_BYPASS_NANOS || last - suspectBefore <= 0) {
            long wallNow = System.nanoTime();
            if (acquireTimeoutNanos != 0 && wallNow - deadline >= 0) {
                offer(s);
                return false;
            }
            if (!validate(s, wallNow, deadline)) {
                return false;
            }
            now = clock.nanoTime();
        }
        s.lastBorrowed = now;
        return true;
    }

    /**
     * Validates an owned slot within the time left, on a validator thread. False when it is
     * invalid (retired here) or the wait ended first (the slot stays with its validation).
     */
    private boolean validate(Slot s, long wallNow, long deadline) throws SQLException {
        long until = wallNow + validationNanos;
        if (acquireTimeoutNanos != 0 && deadline - until < 0) {
            until = deadline;
        }
        int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(until - wallNow + 999_999_999L));
        Validation v = new Validation(s, seconds, this::orphaned);
        boolean valid;
        try {
            validators.execute(v);
            valid = v.await(until);
        } catch (RejectedExecutionException e) {
            valid = Validation.check(s, seconds);
        }
        if (valid) {
            return true;
        }
        if (!v.abandoned()) {
            LOG.log(DEBUG, () -> "Discarding a connection to " + target + " that failed validation");
            suspect(clock.nanoTime());
            retire(s, Evictions.INVALID);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new SQLException("Interrupted while waiting for a connection to " + target, "HY008");
        }
        return false;
    }

    /** A slot whose borrower stopped waiting for its validation. */
    private void orphaned(Slot s, boolean valid) {
        // The clock is read before the generation: see evictIdle().
        long now = clock.nanoTime();
        if (valid && (s.generation != generation || s.evict != null)) {
            retire(s, s.evict != null ? s.evict : Evictions.REQUESTED);
        } else if (valid) {
            s.lastBorrowed = now;
            offer(s);
        } else {
            suspect(now);
            retire(s, Evictions.INVALID);
        }
    }

    private SQLException timeout(long started) {
        timeouts.increment();
        long waited = System.nanoTime() - started;
        if (listener != null) {
            listener.timedOut(waited);
        }
        if (flight != null) {
            flight.acquireTimeout(waited);
        }
        String message = "Timed out after " + TimeUnit.NANOSECONDS.toMillis(acquireTimeoutNanos)
                + " ms waiting for a connection to " + target + " (" + stats().counts() + ")";
        if (suspended) {
            // Asked for: not a fault of the pool or the database, so health does not count it.
            return new SQLTransientConnectionException(message + ": the pool is suspended, call "
                    + "ConnectionPool.resume() to serve again", "08001");
        }
        ConnectFailure failure = lastFailure;
        if (failure != null) {
            message += "; last connection attempt failed: " + failure.reason();
        }
        health.timedOut(message);
        health();
        return failure == null ? new SQLTransientConnectionException(message, "08001")
                : new SQLTransientConnectionException(message, "08001", failure.error());
    }

    // ---- returning ------------------------------------------------------------------------

    /** Takes back a borrowed slot: called exactly once per lease, by the proxy's winning close. */
    void release(Slot s) {
        if (listener != null) {
            listener.released(clock.nanoTime() - s.lastBorrowed);
        }
        if (s.evict == null && s.session.needsReset()) {
            try {
                s.session.reset(s.raw);
            } catch (Throwable e) {
                if (e instanceof SQLException && SqlStates.isFatal((SQLException) e)) {
                    suspect(clock.nanoTime());
                }
                LOG.log(DEBUG, () -> "Discarding a connection to " + target + " whose reset failed: "
                        + connector.reason(e));
                s.evict = Evictions.BROKEN;
            }
        }
        if (leakNanos != 0) {
            leakReturned(s);
        }
        // No clock read here: the borrow's time and the housekeeper's coarse clock are precise
        // enough for the idle timeout and lifetime, and a clock read costs as much as the rest.
        long now = coarseNow;
        s.idleSince = Math.max(now, s.lastBorrowed);
        if (s.evict != null || now - s.expiresAt >= 0 || s.generation != generation) {
            retire(s, s.evict != null ? s.evict : now - s.expiresAt >= 0 ? Evictions.LIFETIME : Evictions.REQUESTED);
            return;
        }
        offer(s);
    }

    /**
     * Puts an owned slot back, then closes it again if {@link #suspend()} ran meanwhile: a suspend
     * that detached the idle stacks just before this push is seen here, since it raised its flag
     * before detaching them.
     */
    private void offer(Slot s) {
        lending.offer(s, lending.home());
        if (suspended) {
            sweep();
        }
    }

    /** Retires the idle connections of older generations than the current one. */
    private void sweep() {
        evictOlderThan(generation, Evictions.REQUESTED);
    }

    /** A statement on this slot's connection raised a fatal SQLState: evict it, and check the others. */
    void fatal(Slot s) {
        s.evict = Evictions.BROKEN;
        suspect(clock.nanoTime());
    }

    /** Sends connections last lent up to {@code at} through the slow path; never lowers the mark. */
    private void suspect(long at) {
        for (;;) {
            long current = suspectBefore;
            if (at - current <= 0 || SUSPECT_BEFORE.compareAndSet(this, current, at)) {
                return;
            }
        }
    }

    /**
     * Closes idle connections now and every other connection that exists (or is being opened)
     * when their borrower returns it or their connect ends: see {@code ConnectionPool.evictIdle()}.
     *
     * <p>How no old connection slips through: the generation goes up first, then
     * {@link #suspectBefore} is raised to the clock read after that. Every place that puts a
     * connection on an idle stack reads the clock (or kept a reading) before it checks the
     * generation, so a connection of an older generation stacked after this call was last lent
     * no later than that mark: the fast path sends it to {@link #usable}, which retires it. A
     * borrow under way meanwhile may still get an old connection; it is retired when returned.
     */
    public void evictIdle() {
        if (lending.isClosed()) {
            return;
        }
        evictOlderThan((int) GENERATION.getAndAdd(this, 1) + 1, Evictions.REQUESTED);
    }

    /** Retires the idle connections of generations before {@code current} now; see {@link #evictIdle()}. */
    private void evictOlderThan(int current, String reason) {
        suspect(clock.nanoTime());
        for (Slot s : lending.removeIdle(s -> s.generation - current < 0)) {
            retire(s, reason);
        }
    }

    /**
     * A write on this slot's connection failed with {@code 25006} although its borrower had not
     * made it read-only: the server went read-only, as a writer demoted in a failover does, and
     * every connection opened before is likely to the same server. This one is retired when
     * returned, the idle ones now, the borrowed ones when returned, as {@link #evictIdle()} does;
     * new connections go where DNS now points. Only the first such failure of a generation
     * evicts: the others come from connections already condemned, and must not evict the new ones.
     */
    void readOnlyServer(Slot s) {
        s.evict = Evictions.READ_ONLY;
        int g = s.generation;
        if (!lending.isClosed() && GENERATION.compareAndSet(this, g, g + 1)) {
            LOG.log(WARNING, "The server behind " + target + " refused a write as read-only (SQLState 25006) on a"
                    + " connection the application had not made read-only: replacing every connection, as after a"
                    + " failover");
            evictOlderThan(g + 1, Evictions.READ_ONLY);
        }
    }

    /**
     * Closes every physical connection and opens none until {@link #resume()}: see
     * {@code ConnectionPool.suspend()}. It retires them as {@link #evictIdle()} does (a new
     * generation, so borrowed ones and connects under way are retired when they come back), with
     * {@link #suspended} raised first, so that nothing connects meanwhile; then it waits, up to
     * the shutdown timeout, until no connection is idle, being opened or being closed.
     */
    public void suspend() {
        if (lending.isClosed()) {
            return;
        }
        boolean first = !(boolean) SUSPENDED.getAndSet(this, true);
        evictIdle();
        try {
            config.source().forget();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "Forgetting the credentials for " + target + " failed: " + e.getClass().getName());
        }
        if (first) {
            health();
            LOG.log(INFO, "Connection pool for " + target + " suspended");
        }
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        boolean interrupted = false;
        while (suspended && !lending.isClosed() && unsettled() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(this, Math.min(CLOSE_POLL_NANOS, deadline - System.nanoTime()));
            interrupted |= Thread.interrupted();
            sweep();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a slot is idle or closing, or a connect is under way (not merely waiting to retry). */
    private boolean unsettled() {
        int retries = 0;
        for (Slot s : slots) {
            int state = s.state();
            if (state == Slot.IDLE || state == Slot.CLOSING) {
                return true;
            }
            if (state == Slot.CONNECTING && s.retryPending) {
                retries++;
            }
        }
        return connecting.get() > retries;
    }

    /** Ends {@link #suspend()}: connects again for waiting borrowers and {@code minIdle} at once. */
    public void resume() {
        if (lending.isClosed() || !(boolean) SUSPENDED.getAndSet(this, false)) {
            return;
        }
        health();
        LOG.log(INFO, "Connection pool for " + target + " resumed");
        grow();
    }

    /** Whether {@link #suspend()} was called and {@link #resume()} not since. */
    public boolean isSuspended() {
        return suspended;
    }

    /**
     * Changes the maximum number of connections: see {@code ConnectionPool.resize(int)}.
     *
     * <p>Growing adds slots by copying the array ({@link Lending} and the idle stacks get the
     * copy before {@link #slots} is published, and a new slot only reaches them through a claim
     * that read it), raises the connector, validator and closer threads to what the new size
     * would have started with, and connects for the borrowers waiting. Shrinking publishes the
     * new maximum first, so that no slot at or above it is claimed again or kept by a connect
     * that ends later ({@link #surplus}); then marks those slots to be retired ({@link Slot#evict}),
     * which the return of a borrowed one obeys, and retires the idle ones. A connection returned
     * just before the mark and stacked after the idle ones were taken is caught by raising
     * {@link #suspectBefore}: the fast path no longer lends it, and {@link #usable} sees the mark.
     *
     * @throws IllegalArgumentException when {@code maxSize} is below 1 or above 10,000
     */
    public void resize(int maxSize) {
        if (maxSize < 1 || maxSize > PoolKeys.MAX_CONNECTIONS) {
            throw new IllegalArgumentException("resize(" + maxSize + "): maxSize must be between 1 and "
                    + PoolKeys.MAX_CONNECTIONS);
        }
        resizing.lock();
        try {
            int before = settings.maxSize();
            if (lending.isClosed() || maxSize == before) {
                return;
            }
            if (maxSize > slots.length) {
                Slot[] more = slotsUpTo(slots, maxSize);
                lending.grow(more);
                slots = more;
            }
            if (maxSize > before) {
                addThreads(maxSize);
            }
            // The size the builder gave minIdle comes back when the pool grows again.
            settings = config.settings().withMaxSize(maxSize);
            LOG.log(INFO, "Connection pool for " + target + " resized from " + before + " to " + maxSize
                    + " connections");
            if (maxSize > before) {
                grow();
                return;
            }
            Slot[] all = slots;
            for (int i = maxSize; i < all.length; i++) {
                all[i].evict = Evictions.RESIZED;
            }
            suspect(clock.nanoTime());
            for (Slot s : lending.removeIdle(s -> s.index >= maxSize)) {
                retire(s, Evictions.RESIZED);
            }
        } finally {
            resizing.unlock();
        }
    }

    /** {@code from} and new slots after it, {@code size} in all. */
    private static Slot[] slotsUpTo(Slot[] from, int size) {
        Slot[] all = Arrays.copyOf(from, size);
        for (int i = from.length; i < size; i++) {
            all[i] = new Slot(i);
        }
        return all;
    }

    /** Gives the background work of a larger pool the threads it would have started with. */
    private void addThreads(int maxSize) {
        int n = Math.min(maxSize, 4);
        PoolThreads.atLeast(connectors, n);
        closer.atLeast(n);
        if (maxSize > validators.getMaximumPoolSize()) {
            validators.setMaximumPoolSize(maxSize);
        }
    }

    /** Whether the slot is at or above the maximum since {@link #resize} lowered it. */
    private boolean surplus(Slot s) {
        return s.index >= settings.maxSize();
    }

    private void leakReturned(Slot s) {
        LeakRecord r = s.leak;
        s.leak = null;
        if (r != null && r.reported) {
            LOG.log(INFO, "Previously reported leaked connection to " + target + " was returned after "
                    + TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - r.borrowedAt) + " ms (borrowed by thread "
                    + r.thread + ")");
        }
    }

    // ---- opening and closing physical connections -----------------------------------------

    private void install(Slot s, Connection c) throws SQLException {
        try {
            s.session.start(c);
        } catch (Throwable e) {
            Closer.closeQuietly(c);
            throw e;
        }
        long now = clock.nanoTime();
        s.raw = c;
        s.lastBorrowed = now;
        s.idleSince = now;
        s.expiresAt = now + (lifetimeNanos == 0 ? Long.MAX_VALUE / 4
                : lifetimeNanos - (long) (lifetimeNanos * LIFETIME_VARIANCE * random.nextDouble()));
        s.evict = null;
        s.attempt = 0;
        created.increment();
    }

    /**
     * Claims empty slots for background connects while more borrowers wait than connects are
     * under way, or the pool is below {@code minIdle}. During an outage a single slot keeps
     * probing.
     */
    @Override
    public void grow() {
        grow(0);
    }

    /**
     * {@link #grow()} just after {@code offered} new connections were made available: the borrowers
     * they are for still count as waiting until they take them, so they are not counted as demand.
     */
    private void grow(int offered) {
        if (!growthWanted(offered) || !anyEmpty()) {
            return;
        }
        growing.lock();
        try {
            while (growthWanted(offered)) {
                Slot s = claimEmpty();
                if (s == null) {
                    return;
                }
                submitConnect(s);
            }
        } finally {
            growing.unlock();
        }
    }

    /** Whether waiting borrowers or {@code minIdle} want more connects than are under way. */
    private boolean growthWanted(int offered) {
        if (lending.isClosed() || suspended) {
            return false;
        }
        int pending = promised.get();
        // An idle connection is demand being met: a connect that finished while growth ran
        // must not be answered with another one. A waiter that a newcomer beat to it grows again.
        int wanted = lending.anyIdle() ? 0 : lending.waiting() - offered;
        if (pending >= wanted && (settings.minIdle() == 0 || total() >= settings.minIdle())) {
            return false;
        }
        // During an outage a single slot keeps probing.
        return pending == 0 || lastFailure == null;
    }

    /** Whether a slot that {@link #claimEmpty()} could claim exists; a look, not a claim. */
    private boolean anyEmpty() {
        Slot[] all = slots;
        for (int i = 0, max = claimable(all); i < max; i++) {
            if (all[i].state() == Slot.EMPTY) {
                return true;
            }
        }
        return false;
    }

    private Slot claimEmpty() {
        Slot[] all = slots;
        for (int i = 0, max = claimable(all); i < max; i++) {
            Slot s = all[i];
            if (s.state() == Slot.EMPTY && s.claim(Slot.EMPTY, Slot.CONNECTING)) {
                s.attempt = 0;
                connecting.incrementAndGet();
                promised.incrementAndGet();
                return s;
            }
        }
        return null;
    }

    /**
     * How many of {@code all}, read from {@link #slots} before this call, growth may claim: those
     * below the maximum. The slots before the settings: resize() writes them in the other order
     * when it grows.
     */
    private int claimable(Slot[] all) {
        return Math.min(all.length, settings.maxSize());
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
        if (lending.isClosed() || surplus(s)) {
            abandon(s);
            return;
        }
        // Before the connect: one that began before evictIdle() may reach the server it was meant to leave.
        s.generation = generation;
        // After reading the generation: see suspend().
        if (suspended) {
            abandon(s);
            return;
        }
        try {
            install(s, open());
        } catch (AuthenticationFailure e) {
            connectFailed(e, s.attempt + 1);
            LOG.log(WARNING, e.getMessage());
            abandon(s);
            // No backoff loop for a rejected login: the borrowers that needed this connection hear it
            // now, all of them when no connection is idle or lent (being returned, validated or handed
            // over included) that a return could serve them with.
            PoolStats open = stats();
            lending.reject(e, System.nanoTime(), open.active() + open.idle() == 0);
            return;
        } catch (Throwable e) {
            // Errors too (a driver class that fails to load, an OutOfMemoryError): the slot must
            // not stay claimed, or the pool shrinks for good.
            connectFailed(s, e);
            return;
        }
        // Leaving CONNECTING by CAS: close() may have given up on this connect meanwhile.
        if (!s.claim(Slot.CONNECTING, Slot.IN_USE)) {
            Connection late = s.raw;
            s.raw = null;
            Closer.closeQuietly(late);
            return;
        }
        if (lastFailure != null) {
            lastFailure = null;
            health();
        }
        // install() read the clock before this read of the generation: see evictIdle(). Counted
        // as connecting until it is closing or idle, for suspend() to wait for.
        if (s.generation != generation || surplus(s)) {
            retire(s, s.generation != generation ? Evictions.REQUESTED : Evictions.RESIZED);
            promised.decrementAndGet();
            connecting.decrementAndGet();
            // The close may have ended, and asked for growth, while this connect still counted.
            freed();
            return;
        }
        // Before the offer: the borrower it serves may come back for another connection at once.
        promised.decrementAndGet();
        offer(s);
        connecting.decrementAndGet();
        grow(1);
    }

    /** A new physical connection, timed for the listener. */
    private Connection open() throws SQLException {
        if (listener == null && flight == null) {
            return connector.open();
        }
        Object event = flight == null ? null : flight.connectBegin();
        long started = System.nanoTime();
        Connection c = connector.open();
        if (event != null) {
            flight.connectEnd(event);
        }
        if (listener != null) {
            listener.connected(System.nanoTime() - started);
        }
        return c;
    }

    /** Counts a failed connect, notes it for timeouts and health, and tells the listener. */
    private ConnectFailure connectFailed(Throwable e, int attempt) {
        failedConnects.increment();
        ConnectFailure failure = new ConnectFailure(e, connector.reason(e));
        lastFailure = failure;
        health();
        if (listener != null) {
            listener.connectFailed(e, failure.reason(), attempt);
        }
        if (flight != null) {
            flight.connectFailed(failure.reason(), attempt);
        }
        return failure;
    }

    private void connectFailed(Slot s, Throwable e) {
        s.attempt++;
        String reason = connectFailed(e, s.attempt).reason();
        if (lending.isClosed() || suspended || !wanted() || surplus(s)) {
            LOG.log(WARNING, "Connection attempt to " + target + " failed (" + reason + ")");
            abandon(s);
            return;
        }
        long delay = backgroundDelay(s.attempt);
        LOG.log(WARNING, "Connection attempt " + s.attempt + " to " + target + " failed (" + reason
                + "); retrying in " + delay + " ms");
        s.retryPending = true;
        try {
            housekeeper.schedule(() -> submitConnect(s), delay);
        } catch (RejectedExecutionException rejected) {
            abandon(s);
        }
    }

    private boolean wanted() {
        return lending.waiting() != 0 || total() < settings.minIdle();
    }

    private long backgroundDelay(int attempt) {
        return backgroundRetry.delayBefore(attempt + 1).toMillis();
    }

    /**
     * The background connects' schedule: the pool's policy with waits of at most
     * {@link #MAX_BACKGROUND_DELAY_MS} (borrowers are waiting) and at least
     * {@link #MIN_BACKGROUND_JITTER} of jitter (pools must not retry in step).
     */
    private static Retry backgroundRetry(RetryPolicy policy) {
        Duration max = Duration.ofMillis(Math.min(policy.maxDelay().toMillis(), MAX_BACKGROUND_DELAY_MS));
        return Retry.on(policy.withMaxDelay(max).withJitter(Math.max(policy.jitter(), MIN_BACKGROUND_JITTER)));
    }

    /** Gives a claimed slot back without a connection; only one caller succeeds. */
    private void abandon(Slot s) {
        if (s.claim(Slot.CONNECTING, Slot.EMPTY)) {
            s.retryPending = false;
            promised.decrementAndGet();
            connecting.decrementAndGet();
        }
    }

    /**
     * Hands an owned slot's connection to the closer; the slot stays counted until it is closed.
     * {@code reason} is what the listener hears ({@link Evictions}), null when the pool is
     * closing it for its own shutdown.
     */
    @Override
    public void retire(Slot s, String reason) {
        if (reason != null && reason != Evictions.SHUTDOWN) {
            if (listener != null) {
                listener.evicted(reason);
            }
            if (flight != null) {
                flight.evicted(reason);
            }
        }
        Connection raw = s.raw;
        s.raw = null;
        s.leak = null;
        closer.close(s, raw);
    }

    /** A slot became empty: connect again if borrowers or {@code minIdle} want it. */
    private void freed() {
        if (!lending.isClosed() && wanted()) {
            grow();
        }
    }

    // ---- housekeeping ---------------------------------------------------------------------

    @Override
    public long tick() {
        long now = clock.nanoTime();
        coarseNow = now;
        closer.abandonOverdue(slots, System.nanoTime(), validationNanos);
        return now;
    }

    @Override
    public Slot[] slots() {
        return slots;
    }

    @Override
    public Lending lending() {
        return lending;
    }

    @Override
    public PoolSettings settings() {
        return settings;
    }

    @Override
    public String target() {
        return target;
    }

    // ---- observing and closing ------------------------------------------------------------

    @Override
    public int total() {
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
        return new PoolStats(total, active, idleCount, lending.waiting(), created.sum(), closer.closed(),
                timeouts.sum(), failedConnects.sum());
    }

    /** What the pool has seen, as a status: see {@code ConnectionPool.health()}. */
    public PoolHealth health() {
        ConnectFailure failure = lastFailure;
        PoolStats now = stats();
        return health.assess(lending.isClosed(), suspended, failure == null ? null : failure.reason(), now.idle(),
                now.counts());
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return lending.isClosed();
    }

    /**
     * Closes the pool: see {@code ConnectionPool.close()}. Returns within the shutdown timeout
     * (plus a few milliseconds) whatever the driver does; a second call waits for the first.
     * An interrupt does not cut the wait short; the thread's interrupt status is kept.
     */
    public void close() {
        long shutdownNanos = settings.shutdownTimeout().toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            if (!closing.compareAndSet(false, true)) {
                interrupted |= awaitUntil(System.nanoTime() + shutdownNanos + TimeUnit.SECONDS.toNanos(2),
                        n -> terminated.await(n, TimeUnit.NANOSECONDS));
                return;
            }
            interrupted |= shutDown(System.nanoTime() + shutdownNanos);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(INFO, "Connection pool for " + target + " closed");
    }

    /** The first close: returns whether the thread was interrupted meanwhile. */
    private boolean shutDown(long deadline) {
        boolean interrupted = false;
        try {
            lending.close();
            ExecutorService lastHousekeeper = housekeeper.leave();
            for (Slot s : slots) {
                if (s.retryPending) {
                    abandon(s);
                }
            }
            // Connects not yet started are pointless now: each gives its slot back at once.
            for (Runnable task : connectors.shutdownNow()) {
                task.run();
            }
            while (busy() && System.nanoTime() - deadline < 0) {
                lending.drain();
                LockSupport.parkNanos(this, Math.min(CLOSE_POLL_NANOS, deadline - System.nanoTime()));
                // An interrupt would make every park return at once: note it and wait on.
                interrupted |= Thread.interrupted();
            }
            lending.drain();
            List<Thread> aborts = new ArrayList<>();
            for (Slot s : slots) {
                int state = s.state();
                // IDLE here: popped by a borrower that has not marked it yet; it must not be lent after we return.
                if (state == Slot.IN_USE || state == Slot.IDLE) {
                    Thread t = abort(s);
                    if (t != null) {
                        aborts.add(t);
                    }
                }
                if (s.state() == Slot.CONNECTING) {
                    // A connect that has not returned by now closes its connection itself when it does.
                    abandon(s);
                }
            }
            closer.abandonOverdue(slots, System.nanoTime(), 0);
            validators.shutdownNow();
            closer.shutdown();
            // Let the pool's idle threads go away before returning, but never past the deadline
            // (plus a moment): a thread stuck in the driver is a daemon and is left behind.
            long until = Math.max(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            for (Thread t : aborts) {
                interrupted |= awaitUntil(until, n -> {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(n)));
                    return !t.isAlive();
                });
            }
            for (ExecutorService e : new ExecutorService[] {connectors, validators, closer.executor()}) {
                interrupted |= awaitUntil(until, n -> e.awaitTermination(n, TimeUnit.NANOSECONDS));
            }
            // This pool's chores have stopped; the shared thread too when this was the last pool.
            interrupted |= awaitUntil(until, n -> {
                if (housekeeper.idle()) {
                    return true;
                }
                LockSupport.parkNanos(this, Math.min(n, CLOSE_POLL_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return housekeeper.idle();
            });
            if (lastHousekeeper != null) {
                interrupted |= awaitUntil(until, n -> lastHousekeeper.awaitTermination(n, TimeUnit.NANOSECONDS));
            }
        } finally {
            closeSource();
            if (flight != null) {
                flight.close();
            }
            terminated.countDown();
        }
        return interrupted;
    }

    /** A wait of at most {@code nanos} that says whether what it waits for has happened. */
    @FunctionalInterface
    private interface TimedWait {
        boolean await(long nanos) throws InterruptedException;
    }

    /**
     * Waits until {@code wait} reports done or {@code until} ({@link System#nanoTime()}) passes,
     * through interrupts; returns whether one came, for the caller to restore.
     */
    private static boolean awaitUntil(long until, TimedWait wait) {
        boolean interrupted = false;
        for (;;) {
            long remaining = until - System.nanoTime();
            if (remaining <= 0) {
                return interrupted;
            }
            try {
                if (wait.await(remaining)) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** Whether a slot is still owned by a borrower, a connect under way, a close or a push in flight. */
    private boolean busy() {
        for (Slot s : slots) {
            int state = s.state();
            if (state != Slot.EMPTY && !(state == Slot.CONNECTING && s.retryPending)) {
                return true;
            }
        }
        return false;
    }

    /** Aborts a slot's connection on a thread of its own, which it returns (null when there is nothing to abort). */
    private Thread abort(Slot s) {
        Connection raw = s.raw;
        if (raw == null) {
            return null;
        }
        s.evict = Evictions.SHUTDOWN;
        LOG.log(WARNING, "Aborting a connection to " + target + " still borrowed after the shutdown timeout of "
                + settings.shutdownTimeout().toMillis() + " ms");
        // On a daemon thread of its own, like the clean-up it starts: a driver's abort() may block
        // although it should not, and close() must return by its deadline.
        Thread t = PoolThreads.closer().newThread(() -> {
            try {
                raw.abort(task -> PoolThreads.closer().newThread(task).start());
            } catch (Throwable e) {
                LOG.log(DEBUG, () -> "Aborting a connection failed: " + e.getClass().getName());
            }
        });
        t.start();
        return t;
    }

    private void closeSource() {
        try {
            config.source().close();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "Closing the credential source for " + target + " failed: "
                    + e.getClass().getName());
        }
    }

    /** What the builder resolved: target, provider, name. */
    public PoolSetup setup() {
        return config;
    }

    /** The pool's name: given, or the target. */
    public String name() {
        return config.name();
    }

    /** The redacted target and live counts. */
    public String describe() {
        return target + ", " + stats().counts();
    }

    @Override
    public void leaked(long heldNanos, String thread) {
        if (flight != null) {
            flight.leak(heldNanos, thread);
        }
    }

    /** Leak records older than the threshold: the housekeeper reports them. */
    @Override
    public long leakNanos() {
        return leakNanos;
    }
}
