package io.credpool;

import io.credpool.TortureObserver.Lease;
import io.credpool.TortureViolations.Kind;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubBehaviour;
import io.credpool.testkit.stub.StubConnection;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One round of {@link PoolTortureTest}: a new stub database and pool, borrowers hammering it while
 * the driver fails and hangs at random, maybe a close under load, then the checks.
 *
 * <p><b>Phases.</b> Build the pool (faults off); start the borrowers, the interrupter, the
 * sampler; turn faults on; maybe close the pool under load; stop the borrowers and the faults;
 * wait until every injected hang is over; if the pool is still open, check it at quiescence, borrow
 * maxSize connections at once (the size a resizer left it at), and close it; then check that
 * nothing of it is left.
 *
 * <p><b>Timing bounds</b> are the documented ones plus the slack the spec allows (100 ms for
 * {@code getConnection()}, 1 s for {@code close()}), plus the JVM/OS stalls that the
 * {@link PauseMeter} measured during the very call, since nothing can keep a bound while the
 * process is not running. Borrows the test interrupted are not timed.
 */
final class TortureRound {

    static final long ACQUIRE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long CLOSE_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Waits shorter than this are not judged for CPU use: too short to tell parking from spinning. */
    static final long SPIN_MIN_WALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final double SPIN_MAX_CPU_SHARE = 0.30;
    /** How long the pool may take to settle at quiescence: background connect retries are at most 2 s apart. */
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How long borrowing maxSize connections at quiescence may take, retries included. */
    static final long CAPACITY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long pool threads and connections may take to go once close() returned and the hangs are over. */
    static final long AFTERMATH_NANOS = TimeUnit.SECONDS.toNanos(3);

    /**
     * {@code ThreadMXBean.getCurrentThreadCpuTime}, reached reflectively: the tests are patched into
     * module io.credpool, which does not read java.management (reflection needs no read edge).
     * {@code null} when the JVM cannot measure thread CPU time.
     */
    private static final CpuClock CPU = CpuClock.find();
    private static final Method IS_VIRTUAL = method(Thread.class, "isVirtual");
    private static final Method NEW_VIRTUAL_EXECUTOR = method(Executors.class, "newVirtualThreadPerTaskExecutor");

    final int number;
    final TortureParams params;
    final TortureViolations violations = new TortureViolations();
    final TortureObserver observer = new TortureObserver(violations);
    final TortureFaults faults;
    private final PauseMeter pauses;
    private final TortureListener listener;
    private final String database = StubPools.newDatabase();
    private final StubBehaviour behaviour = StubPools.behaviour(database);
    private final Random random;
    private final long interrupterSeed;
    private final AtomicInteger racerNames = new AtomicInteger();

    volatile boolean stopping;
    /** Set before {@link #stopping} in rounds with a resizer: the evictors, suspender and resizer stop first. */
    private volatile boolean operatorsStopping;
    /** When the traffic began ({@link System#nanoTime()}), for the lulls; 0 before. */
    private volatile long trafficStart;
    /** Set once a pool.close() has returned. */
    private volatile boolean closeReturned;
    /** Set when threads of this round may still be stuck in the pool: no later round should run. */
    volatile boolean poisoned;
    ConnectionPool pool;
    ExecutorService racers;
    private final List<TortureContext> borrowers = new CopyOnWriteArrayList<>();
    private final List<Watched> closers = new CopyOnWriteArrayList<>();
    private CountDownLatch workersDone;
    private volatile boolean samplerStop;

    /** Connections the harness borrowed and has not given back (closed or aborted) yet: its own bookkeeping. */
    private final AtomicInteger outstanding = new AtomicInteger();
    final LongAdder borrows = new LongAdder();
    final LongAdder staleChecks = new LongAdder();
    final LongAdder interrupts = new LongAdder();
    final LongAdder evictions = new LongAdder();
    /** Each physical connection some pool.evictIdle() saw open, and when the first of those returned. */
    private final Map<StubConnection, Long> evicted = new ConcurrentHashMap<>();
    private final List<Thread> evictors = new ArrayList<>();
    final LongAdder suspensions = new LongAdder();
    final LongAdder resizes = new LongAdder();
    /** The size the pool was last resized to (its built size until then). */
    private volatile int sizeNow;
    /**
     * The largest size the pool has had: while connections above a lowered maximum are still
     * borrowed or being closed the pool may hold that many, so it bounds the counts under load.
     * At quiescence {@link #sizeNow} bounds them.
     */
    private volatile int largestSize;
    /** When the current suspension's pool.suspend() returned ({@link System#nanoTime()}); 0 from just before resume(). */
    private volatile long suspendReturnedAt;
    /** Each physical connection open when some pool.suspend() was called, and when the first of those returned. */
    private final Map<StubConnection, Long> suspendedOpen = new ConcurrentHashMap<>();

    /** A pool.close() call under watch. */
    private static final class Watched {
        final String name;
        volatile Thread thread;
        volatile long start;
        volatile long end;
        volatile String overdueStack;

        Watched(String name) {
            this.name = name;
        }
    }

    TortureRound(int number, TortureParams params, PauseMeter pauses) {
        this.number = number;
        this.listener = new TortureListener(params.listenerFailRate());
        this.params = params;
        this.pauses = pauses;
        this.faults = new TortureFaults(params);
        this.random = new Random(params.seed());
        this.interrupterSeed = random.nextLong();
        this.sizeNow = params.maxSize();
        this.largestSize = params.maxSize();
    }

    /** Whether this JDK has virtual threads. */
    static boolean virtualThreads() {
        return NEW_VIRTUAL_EXECUTOR != null;
    }

    /** Runs the round; never throws: whatever went wrong is in {@link #violations}. */
    TortureViolations run() {
        Set<Thread> before = poolThreads();
        List<Thread> helpers = new ArrayList<>();
        ExecutorService virtual = null;
        try {
            behaviour.onCall(observer).faults(faults);
            pool = StubPools.builder(database).settings(settings()).acquireTimeout(params.acquireTimeout())
                    .listener(listener).build();
            racers = Executors.newCachedThreadPool(task -> {
                Thread t = new Thread(() -> {
                    TortureContext c = new TortureContext(Thread.currentThread().getName());
                    c.attach();
                    task.run();
                }, "torture-racer-" + number + "-" + racerNames.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            helpers.add(start("torture-sampler-" + number, this::sample));
            if (params.interruptPauseMillis() != 0) {
                helpers.add(start("torture-interrupter-" + number, this::interrupter));
            }
            for (int i = 0; i < params.evictors(); i++) {
                // Seeded apart from the round's stream, so that older seeds keep their workers' choices.
                long seed = params.seed() * 31 + i + 1;
                evictors.add(start("torture-evictor-" + number + "-" + i, () -> evictor(seed)));
            }
            if (params.suspendPauseMillis() != 0) {
                long seed = params.seed() * 37 + 1;
                evictors.add(start("torture-suspender-" + number, () -> suspender(seed)));
            }
            if (params.resizePauseMillis() != 0) {
                long seed = params.seed() * 41 + 1;
                evictors.add(start("torture-resizer-" + number, () -> resizer(seed)));
            }
            helpers.addAll(evictors);
            virtual = startWorkers();
            faults.on();
            long start = System.nanoTime();
            trafficStart = start;
            if (params.closesUnderLoad()) {
                sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(params.closeAtMillis()));
                closePool();
            }
            sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(params.trafficMillis()));
            if (params.resizePauseMillis() != 0 && !pool.isClosed() && !shrinkUnderLoad()) {
                return violations;
            }
            stopping = true;
            faults.off();
            if (!awaitWorkers()) {
                return violations;
            }
            if (!joinOperators()) {
                return violations;
            }
            if (params.resizePauseMillis() != 0 && !pool.isClosed()) {
                checkShrinkHeld();
            }
            if (!faults.awaitHangsOver(TimeUnit.MILLISECONDS.toNanos(params.longestHangMillis()) + TimeUnit.SECONDS.toNanos(2))) {
                violations.add(Kind.HARNESS, "injected hangs still under way long after they should have ended");
            }
            if (!awaitClosers()) {
                return violations;
            }
            if (!pool.isClosed()) {
                checkQuiescence();
                if (params.suspendPauseMillis() != 0) {
                    checkSuspendedHoldsNothing();
                }
                if (!checkCapacity()) {
                    return violations;
                }
                closePool();
                if (!awaitClosers()) {
                    return violations;
                }
            }
            checkAftermath(before);
        } catch (Throwable t) {
            violations.add(Kind.HARNESS, "round failed: " + LogCapture.stackTrace(t));
        } finally {
            stopping = true;
            samplerStop = true;
            for (Thread h : helpers) {
                join(h, TimeUnit.SECONDS.toNanos(2));
            }
            if (racers != null) {
                racers.shutdownNow();
            }
            if (virtual != null) {
                virtual.shutdown();
            }
            if (pool != null && !pool.isClosed()) {
                // On a thread of its own: when the round is poisoned, close() may never return
                // either, but it stops the pool's executors from queueing more work.
                join(start("torture-cleanup-" + number, pool::close), TimeUnit.SECONDS.toNanos(5));
            }
            behaviour.reset();
        }
        return violations;
    }

    private PoolSettings settings() {
        return PoolSettings.defaults().withMaxSize(params.maxSize()).withMinIdle(params.minIdle())
                .withAcquireTimeout(params.acquireTimeout()).withShutdownTimeout(params.shutdownTimeout())
                .withMaxLifetime(params.maxLifetime()).withIdleTimeout(params.idleTimeout())
                .withValidationTimeout(Duration.ofSeconds(1)).withRetry(StubPools.FAST);
    }

    // ---- borrowers -------------------------------------------------------------------------

    private ExecutorService startWorkers() throws Exception {
        int total = params.platformWorkers() + params.virtualWorkers();
        workersDone = new CountDownLatch(total);
        for (int i = 0; i < params.platformWorkers(); i++) {
            TortureWorker w = new TortureWorker(this, "torture-worker-" + number + "-" + i, random.nextLong());
            borrowers.add(w.context);
            start(w.context.name, w);
        }
        if (params.virtualWorkers() == 0) {
            return null;
        }
        ExecutorService virtual = (ExecutorService) NEW_VIRTUAL_EXECUTOR.invoke(null);
        for (int i = 0; i < params.virtualWorkers(); i++) {
            TortureWorker w = new TortureWorker(this, "torture-virtual-" + number + "-" + i, random.nextLong());
            borrowers.add(w.context);
            virtual.execute(() -> {
                Thread.currentThread().setName(w.context.name);
                w.run();
            });
        }
        return virtual;
    }

    void workerDone() {
        workersDone.countDown();
    }

    /** Waits for the borrowers to finish; whether they did (else the round is poisoned). */
    private boolean awaitWorkers() throws InterruptedException {
        long bound = params.acquireTimeout().toMillis() + params.shutdownTimeout().toMillis()
                + 2 * params.longestHangMillis() + 10_000;
        if (workersDone.await(bound, TimeUnit.MILLISECONDS)) {
            return true;
        }
        for (TortureContext c : borrowers) {
            if (!c.finished && c.thread != null) {
                stuck(c, bound);
            }
        }
        return false;
    }

    /** Reports a harness thread that did not come back from the pool within {@code boundMillis}; poisons the round. */
    private void stuck(TortureContext c, long boundMillis) {
        poisoned = true;
        long started = c.acquireStart;
        if (started != 0) {
            violations.add(Kind.ACQUIRE_OVERDUE, "getConnection() on " + c + " has not returned after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms (acquireTimeout "
                    + params.acquireTimeout().toMillis() + " ms)\n" + stack(c.thread));
        } else {
            violations.add(Kind.WORKER_STUCK, c + " still inside the pool " + boundMillis + " ms after the round "
                    + "stopped (faults off since then)\n" + stack(c.thread));
        }
    }

    /**
     * Borrows on the calling harness thread, timing the call: it must end within acquireTimeout
     * + 100 ms (unless the test interrupted it) and must not burn CPU while it waits.
     *
     * @return the connection, or {@code null} when the pool refused (already classified)
     */
    Connection acquire(TortureContext context) {
        long cpu0 = cpuNanos();
        context.beginAcquire();
        long t0 = context.acquireStart;
        context.lastAcquireStart = t0;
        Connection c = null;
        Throwable failure = null;
        try {
            c = pool.getConnection();
        } catch (Throwable t) {
            failure = t;
        }
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        boolean interrupted = context.endAcquire();
        String overdueStack = context.overdueStack;
        borrows.increment();
        if (!interrupted) {
            checkTimed("getConnection()", context.name, t0, t1, params.acquireTimeout().toNanos() + ACQUIRE_SLACK_NANOS,
                    "acquireTimeout " + params.acquireTimeout().toMillis() + " ms + 100 ms", Kind.ACQUIRE_OVERDUE,
                    c != null ? "returned a connection" : "threw " + failure, overdueStack);
        }
        checkSpin("getConnection()", context.name, t0, t1, cpu0, cpu1);
        if (failure != null) {
            classify(failure, "getConnection()");
        } else {
            outstanding.incrementAndGet();
        }
        return c;
    }

    /** Whether the traffic is in a lull now. */
    boolean inLull() {
        long start = trafficStart;
        return start != 0 && params.lullEndsAt(System.nanoTime() - start) != 0;
    }

    /** Parks a worker through a lull of the traffic, if one is on now. */
    void lull() {
        long start = trafficStart;
        if (start == 0) {
            return;
        }
        long until = params.lullEndsAt(System.nanoTime() - start);
        while (until != 0 && !stopping && System.nanoTime() - start - until < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * A borrow has just returned {@code physical}. Once a pool.close() has returned, every
     * connection the pool lent must have been closed or aborted by it: close() waits for
     * borrowers and aborts what they still hold at its deadline, and lends nothing afterwards.
     */
    void lentNow(TortureContext context, StubConnection physical) {
        if (closeReturned && physical != null && !observer.closeAttempted(physical)) {
            violations.add(Kind.LENT_AFTER_CLOSE, context.name + " got " + physical
                    + " from getConnection() after pool.close() had returned, open and not aborted");
        }
        long suspended = suspendReturnedAt;
        if (suspended != 0 && context.lastAcquireStart - suspended > 0) {
            // Read after the borrow ended: resume() had not begun yet.
            violations.add(Kind.LENT_WHILE_SUSPENDED, context.name + " got " + physical + " from a getConnection() "
                    + "that began " + TimeUnit.NANOSECONDS.toMicros(context.lastAcquireStart - suspended)
                    + " µs after pool.suspend() returned, before resume()");
        }
        Long frozenAt = physical == null ? null : suspendedOpen.get(physical);
        if (frozenAt != null && context.lastAcquireStart - frozenAt > 0) {
            violations.add(Kind.LENT_WHILE_SUSPENDED, context.name + " got " + physical + " from a getConnection() "
                    + "that began " + TimeUnit.NANOSECONDS.toMicros(context.lastAcquireStart - frozenAt)
                    + " µs after a pool.suspend() that saw it open had returned");
        }
        Long evictedAt = physical == null ? null : evicted.get(physical);
        if (evictedAt != null && context.lastAcquireStart - evictedAt > 0) {
            violations.add(Kind.LENT_AFTER_EVICT, context.name + " got " + physical + " from a getConnection() that began "
                    + TimeUnit.NANOSECONDS.toMicros(context.lastAcquireStart - evictedAt)
                    + " µs after a pool.evictIdle() that saw it open had returned");
        }
    }

    /**
     * Calls pool.evictIdle() after random pauses until the round stops, noting for every physical
     * connection open before a call when that call returned: no borrow that begins later may get it.
     */
    private void evictor(long seed) {
        Random r = new Random(seed);
        while (operating()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(r.nextInt((int) params.evictPauseMillis() + 1)));
            List<StubConnection> open = behaviour.connections();
            try {
                pool.evictIdle();
            } catch (Throwable t) {
                classify(t, "pool.evictIdle()");
            }
            long returned = System.nanoTime();
            for (StubConnection c : open) {
                evicted.putIfAbsent(c, returned);
            }
            evictions.increment();
        }
    }

    /**
     * Suspends and resumes the pool after random pauses until the round stops, always ending
     * resumed; a suspension lasts at most {@code suspendedMillis}. Physical connections open
     * before a suspend() go into {@link #suspendedOpen} (no later borrow may get them), and while the
     * pool is suspended {@link #suspendReturnedAt} tells {@link #lentNow} that nothing may be lent.
     * When the suspend() returned before its shutdown-timeout bound (so no connect was still
     * under way), no connect may begin before the resume().
     */
    private void suspender(long seed) {
        Random r = new Random(seed);
        while (operating()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(r.nextInt((int) params.suspendPauseMillis() + 1)));
            if (!operating()) {
                return;
            }
            List<StubConnection> open = behaviour.connections();
            long t0 = System.nanoTime();
            try {
                pool.suspend();
            } catch (Throwable t) {
                classify(t, "pool.suspend()");
            }
            long returned = System.nanoTime();
            long attempts = behaviour.connectAttempts();
            boolean settled = returned - t0 < params.shutdownTimeout().toNanos();
            for (StubConnection c : open) {
                suspendedOpen.putIfAbsent(c, returned);
            }
            suspendReturnedAt = returned;
            suspensions.increment();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(r.nextInt((int) params.suspendedMillis() + 1)));
            long more = behaviour.connectAttempts() - attempts;
            suspendReturnedAt = 0;
            if (settled && more != 0 && !pool.isClosed()) {
                violations.add(Kind.LENT_WHILE_SUSPENDED, more + " connect(s) began between the return of "
                        + "pool.suspend() (after " + TimeUnit.NANOSECONDS.toMillis(returned - t0) + " ms) and resume()");
            }
            try {
                pool.resume();
            } catch (Throwable t) {
                classify(t, "pool.resume()");
            }
        }
    }

    /**
     * Resizes the pool to 1–6 connections after random pauses until the operators stop, raising
     * {@link #largestSize} before a call that grows it, so the sampler's bound never lags.
     */
    private void resizer(long seed) {
        Random r = new Random(seed);
        while (operating()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(r.nextInt((int) params.resizePauseMillis() + 1)));
            if (!operating()) {
                return;
            }
            resize(1 + r.nextInt(6));
        }
    }

    private void resize(int size) {
        largestSize = Math.max(largestSize, size);
        try {
            pool.resize(size);
        } catch (Throwable t) {
            classify(t, "pool.resize(" + size + ")");
        }
        if (!pool.isClosed()) {
            sizeNow = size;
        }
        resizes.increment();
    }

    /** Whether the evictors, the suspender and the resizer are to go on. */
    private boolean operating() {
        return !stopping && !operatorsStopping;
    }

    /**
     * Ends a round that has a resizer: stops the operators (so that no evictIdle() or suspend()
     * retires connections for another reason) and the faults, waits for the hangs to end (so
     * that nothing the driver holds up can excuse a connection kept open), then shrinks the pool
     * to 1 or 2 while the borrowers still hold connections above that, and lets them run on for
     * 30 ms. Whether all that ended in time (else the round is over).
     */
    private boolean shrinkUnderLoad() {
        operatorsStopping = true;
        if (!joinOperators()) {
            return false;
        }
        faults.off();
        if (!faults.awaitHangsOver(TimeUnit.MILLISECONDS.toNanos(params.longestHangMillis()) + TimeUnit.SECONDS.toNanos(2))) {
            violations.add(Kind.HARNESS, "injected hangs still under way long after they should have ended");
            return false;
        }
        resize(1 + new Random(params.seed() * 43 + 1).nextInt(2));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
        return true;
    }

    /** Waits for the evictors, the suspender and the resizer to stop; whether they did. */
    private boolean joinOperators() {
        for (Thread e : evictors) {
            // A suspender may be in suspend() (up to the shutdown timeout), then suspended.
            join(e, TimeUnit.SECONDS.toNanos(2) + params.shutdownTimeout().toNanos()
                    + TimeUnit.MILLISECONDS.toNanos(params.suspendedMillis()));
            if (e.isAlive()) {
                violations.add(Kind.HARNESS, e.getName() + " did not stop:\n" + stack(e));
                return false;
            }
        }
        return true;
    }

    /** A borrower is about to give a connection back (close or abort); see {@link #acquire}. */
    void givingBack(Lease lease) {
        outstanding.decrementAndGet();
        observer.givingBack(lease);
    }

    private void interrupter() {
        Random r = new Random(interrupterSeed);
        while (!stopping) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + r.nextInt((int) params.interruptPauseMillis() - 19)));
            if (!borrowers.isEmpty() && borrowers.get(r.nextInt(borrowers.size())).interruptIfAcquiring()) {
                interrupts.increment();
            }
        }
    }

    // ---- closing ---------------------------------------------------------------------------

    /** Calls pool.close() on a new thread (two at once when the round says so), timed and watched. */
    private void closePool() {
        observer.poolClosing();
        int n = params.secondClose() ? 2 : 1;
        for (int i = 0; i < n; i++) {
            Watched w = new Watched("torture-closer-" + number + "-" + i);
            boolean interrupted = params.interruptedClose() && i == 0;
            closers.add(w);
            w.thread = start(w.name, () -> timedClose(w, interrupted));
        }
    }

    private void timedClose(Watched w, boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long cpu0 = cpuNanos();
        w.start = System.nanoTime();
        try {
            pool.close();
        } catch (Throwable t) {
            classify(t, "pool.close()");
        }
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        w.end = t1;
        closeReturned = true;
        // close() waits for every borrower and aborts what is still held at its deadline.
        for (TortureObserver.Lease held : observer.owners.values()) {
            if (!observer.closeAttempted(held.physical)) {
                violations.add(Kind.LENT_AFTER_CLOSE, "pool.close() on " + w.name + " returned while " + held
                        + " still held " + held.physical + ", neither given back nor aborted");
            }
        }
        Thread.interrupted();
        String what = "pool.close()" + (interrupted ? " from an interrupted thread" : "");
        checkTimed(what, w.name, w.start, t1, params.shutdownTimeout().toNanos() + CLOSE_SLACK_NANOS,
                "shutdownTimeout " + params.shutdownTimeout().toMillis() + " ms + 1 s", Kind.CLOSE_OVERDUE,
                "returned", w.overdueStack);
        checkSpin(what, w.name, w.start, t1, cpu0, cpu1);
    }

    /** Waits for the closers; whether they all returned (else the round is poisoned). */
    private boolean awaitClosers() {
        long bound = params.shutdownTimeout().toNanos() + CLOSE_SLACK_NANOS + TimeUnit.SECONDS.toNanos(10)
                + TimeUnit.MILLISECONDS.toNanos(params.longestHangMillis());
        boolean all = true;
        for (Watched w : closers) {
            join(w.thread, bound);
            if (w.thread.isAlive()) {
                all = false;
                violations.add(Kind.CLOSE_OVERDUE, "pool.close() on " + w.name + " has not returned after "
                        + TimeUnit.NANOSECONDS.toMillis(bound) + " ms\n" + stack(w.thread));
            }
        }
        closers.clear();
        if (!all) {
            poisoned = true;
        }
        return all;
    }

    // ---- continuous checks -----------------------------------------------------------------

    private void sample() {
        int tick = 0;
        long overdueAcquire = params.acquireTimeout().toNanos() + ACQUIRE_SLACK_NANOS;
        long overdueClose = params.shutdownTimeout().toNanos() + CLOSE_SLACK_NANOS;
        while (!samplerStop) {
            try {
                PoolStats s = pool.stats();
                if (pool.health().status() == null) {
                    violations.add(Kind.HARNESS, "health() without a status");
                }
                int bound = largestSize;
                if (s.total() > bound) {
                    violations.add(Kind.ABOVE_MAX_SIZE, "stats().total() = " + s.total() + " > maxSize "
                            + bound + " (" + s.counts() + ")");
                }
                // The stub's own open count cannot be bounded: a connection whose close() the driver
                // failed or that hangs is still open there, but no longer the pool's. What the pool
                // holds is what it opened and never tried to close. The snapshot is taken before the
                // close attempts are looked up, so a race can only undercount it, never overcount.
                if (tick++ % 4 == 0) {
                    List<StubConnection> live = unclosed();
                    if (live.size() > bound) {
                        violations.add(Kind.ABOVE_MAX_SIZE, live.size() + " physical connections open that the "
                                + "pool never tried to close, above maxSize " + bound + " (" + s.counts() + ")");
                    }
                }
                long now = System.nanoTime();
                for (TortureContext c : borrowers) {
                    long started = c.acquireStart;
                    if (started != 0 && now - started > overdueAcquire && c.overdueStack == null) {
                        String stack = stack(c.thread);
                        if (c.acquireStart == started) {
                            c.overdueStack = stack;
                        }
                    }
                }
                for (Watched w : closers) {
                    if (w.start != 0 && w.end == 0 && now - w.start > overdueClose && w.overdueStack == null) {
                        w.overdueStack = stack(w.thread);
                    }
                }
            } catch (Throwable t) {
                violations.add(Kind.HARNESS, "sampler failed: " + LogCapture.stackTrace(t));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
        }
    }

    private void checkTimed(String what, String thread, long t0, long t1, long boundNanos, String boundText, Kind kind,
                            String outcome, String overdueStack) {
        long elapsed = t1 - t0;
        if (elapsed <= boundNanos) {
            return;
        }
        long stalled = pauses.stalledNanos(t0, t1);
        if (elapsed <= boundNanos + stalled) {
            return;
        }
        violations.add(kind, what + " on " + thread + " took " + TimeUnit.NANOSECONDS.toMillis(elapsed)
                + " ms, allowed " + boundText + " + " + TimeUnit.NANOSECONDS.toMillis(stalled)
                + " ms of JVM/OS stalls measured meanwhile; it " + outcome
                + (overdueStack == null ? "" : "\nwhere it was once overdue:\n" + overdueStack));
    }

    private void checkSpin(String what, String thread, long t0, long t1, long cpu0, long cpu1) {
        long wall = t1 - t0;
        if (cpu0 < 0 || cpu1 < 0 || wall < SPIN_MIN_WALL_NANOS) {
            return;
        }
        long cpu = cpu1 - cpu0;
        if (cpu > SPIN_MAX_CPU_SHARE * wall) {
            violations.add(Kind.SPIN, what + " on " + thread + " used " + TimeUnit.NANOSECONDS.toMillis(cpu)
                    + " ms of CPU in " + TimeUnit.NANOSECONDS.toMillis(wall) + " ms ("
                    + String.format(Locale.ROOT, "%.1f", 100.0 * cpu / wall) + "%, at most "
                    + Math.round(SPIN_MAX_CPU_SHARE * 100) + "% allowed): waiting must park, not spin");
        }
    }

    /**
     * Accepts SQLExceptions and what the driver threw; anything else the pool threw is its own
     * failure. Either way no message may show the password.
     */
    void classify(Throwable t, String what) {
        if (t == null) {
            return;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains(StubPools.PASSWORD)) {
                violations.add(Kind.PASSWORD_LEAK, what + " threw an exception showing the password: " + c);
            }
        }
        if (t instanceof SQLException || TortureFaults.isInjected(t)) {
            return;
        }
        violations.add(Kind.UNEXPECTED_THROWABLE, what + " threw what the driver never did: " + LogCapture.stackTrace(t));
    }

    // ---- checks at quiescence and after close ----------------------------------------------

    /**
     * With borrowers gone, faults off and hangs over, the pool must settle (within the longest
     * background retry delay) with nothing lent or waiting, every slot idle, and exactly as many
     * slots as physical connections it holds, i.e. opened and never closed or aborted by it.
     */
    private void checkQuiescence() {
        if (outstanding.get() != 0) {
            violations.add(Kind.HARNESS, "the harness still holds " + outstanding.get() + " connection(s) at "
                    + "quiescence: the pool cannot be judged");
            return;
        }
        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (;;) {
            PoolStats a = pool.stats();
            List<StubConnection> live = unclosed();
            PoolStats b = pool.stats();
            boolean settled = a.equals(b) && a.active() == 0 && a.waiting() == 0 && a.idle() == a.total();
            if (settled && live.size() == a.total() && a.total() > sizeNow) {
                violations.add(Kind.ABOVE_MAX_SIZE, "at quiescence pool.stats() says " + a.counts() + ", above the "
                        + "maxSize " + sizeNow + " the pool was last resized to");
                return;
            }
            if (settled && live.size() == a.total()) {
                long acquired = listener.acquired.sum();
                long released = listener.released.sum();
                if (acquired != released) {
                    violations.add(Kind.QUIESCENT_MISMATCH, "at quiescence the listener heard " + acquired
                            + " borrow(s) but " + released + " return(s): every lease is to be heard of once each way");
                }
                if (listener.negative.sum() != 0) {
                    violations.add(Kind.HARNESS, listener.negative.sum() + " listener callback(s) with a negative "
                            + "duration, no reason, no cause or an attempt below 1");
                }
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                List<String> why = new ArrayList<>();
                if (b.active() > 0) {
                    why.add(b.active() + " slot(s) still counted as lent although every borrower gave its "
                            + "connections back");
                }
                int between = b.total() - b.active() - b.idle();
                if (between > 0) {
                    why.add(between + " slot(s) neither lent nor idle for " + TimeUnit.NANOSECONDS.toMillis(SETTLE_NANOS)
                            + " ms with the driver healthy (stuck connecting, closing or being validated)");
                }
                if (b.total() > live.size()) {
                    why.add("the pool counts " + (b.total() - live.size()) + " slot(s) more than the physical "
                            + "connections it holds: slot(s) leaked");
                } else if (b.total() < live.size()) {
                    why.add((live.size() - b.total()) + " physical connection(s) dropped by the pool without close");
                }
                if (b.waiting() > 0) {
                    why.add(b.waiting() + " waiter(s) counted although no thread waits");
                }
                if (why.isEmpty()) {
                    why.add("the counts kept changing");
                }
                violations.add(Kind.QUIESCENT_MISMATCH, "at quiescence (no borrower, faults off, hangs over, "
                        + TimeUnit.NANOSECONDS.toMillis(SETTLE_NANOS) + " ms to settle): pool.stats() says "
                        + b.counts() + "; stub: " + live.size() + " open physical connection(s) the pool never "
                        + "closed, " + behaviour.openConnections() + " open in all; " + String.join("; ", why));
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * At quiescence (nothing lent, faults off, hangs over) a pool.suspend() returns with no
     * physical connection left that the pool did not close; then it is resumed. Closes run on the
     * closer threads: when suspend() had to return at its shutdown-timeout bound, they get
     * {@link #SETTLE_NANOS} more.
     */
    private void checkSuspendedHoldsNothing() {
        long t0 = System.nanoTime();
        pool.suspend();
        long took = System.nanoTime() - t0;
        long deadline = System.nanoTime() + (took < params.shutdownTimeout().toNanos() ? 0 : SETTLE_NANOS);
        List<StubConnection> live = unclosed();
        while (!live.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            live = unclosed();
        }
        if (!live.isEmpty()) {
            violations.add(Kind.OPEN_WHILE_SUSPENDED, "pool.suspend() at quiescence returned after "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms with " + live.size() + " physical connection(s) "
                    + "open that the pool never closed (" + pool.stats().counts() + ")");
        }
        pool.resume();
    }

    /**
     * Right after the borrowers gave everything back, following {@link #shrinkUnderLoad}: the pool
     * holds no more connections it never tried to close than the size it was shrunk to, within
     * 50 ms: sooner than the shortest idle timeout a round draws could retire what a faulty shrink
     * kept. No fault has been injected since before the shrink, so no driver call excuses a delay.
     */
    private void checkShrinkHeld() {
        // Less than the shortest idle timeout a round draws (100 ms), which would retire what a faulty shrink kept.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (;;) {
            List<StubConnection> live = unclosed();
            if (live.size() <= sizeNow || pool.isClosed()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                violations.add(Kind.ABOVE_MAX_SIZE, "after the last pool.resize(" + sizeNow + ") and every borrower "
                        + "gave its connections back, " + live.size() + " physical connections open that the pool "
                        + "never tried to close (" + pool.stats().counts() + ")");
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * At quiescence maxSize connections can be borrowed at once: no capacity was lost to leaked
     * slots. Runs on a thread of its own, so that a pool that never returns cannot hang the round;
     * whether it came back (else the round is poisoned).
     */
    private boolean checkCapacity() {
        TortureContext main = new TortureContext("torture-capacity-" + number);
        Thread t = start(main.name, () -> borrowMaxSize(main));
        long bound = CAPACITY_NANOS + params.acquireTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        join(t, bound);
        if (t.isAlive()) {
            stuck(main, TimeUnit.NANOSECONDS.toMillis(bound));
            return false;
        }
        return true;
    }

    private void borrowMaxSize(TortureContext main) {
        main.attach();
        List<Lease> leases = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + CAPACITY_NANOS;
            int size = sizeNow;
            while (leases.size() < size && System.nanoTime() - deadline < 0) {
                Connection c = acquire(main);
                if (c != null) {
                    Lease lease = new Lease(c, raw(c), Thread.currentThread());
                    observer.borrowed(lease);
                    leases.add(lease);
                }
            }
            if (leases.size() < size) {
                violations.add(Kind.CAPACITY_LOST, "at quiescence only " + leases.size() + " of maxSize "
                        + size + " connections could be borrowed at once in "
                        + TimeUnit.NANOSECONDS.toMillis(CAPACITY_NANOS) + " ms (" + pool.stats().counts() + ")");
            }
        } finally {
            for (Lease lease : leases) {
                givingBack(lease);
                try {
                    lease.proxy.close();
                } catch (SQLException | RuntimeException | Error e) {
                    classify(e, "Connection.close() at quiescence");
                }
            }
            main.detach();
            main.finished = true;
        }
    }

    private StubConnection raw(Connection c) {
        try {
            return StubPools.raw(c);
        } catch (SQLException e) {
            classify(e, "Connection.unwrap(StubConnection) at quiescence");
            return null;
        }
    }

    /** Once close() returned and every hang is over, none of the pool's threads or connections may be left. */
    private void checkAftermath(Set<Thread> before) {
        long deadline = System.nanoTime() + AFTERMATH_NANOS;
        List<Thread> threads;
        List<StubConnection> live;
        do {
            threads = poolThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toList());
            live = unclosed();
            if (threads.isEmpty() && live.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        } while (System.nanoTime() - deadline < 0);
        if (!threads.isEmpty()) {
            // A pool thread that outlived its pool may spin for ever: later timings could not be trusted.
            poisoned = true;
        }
        for (Thread t : threads) {
            violations.add(Kind.THREAD_LEFT_RUNNING, t.getName() + " still alive "
                    + TimeUnit.NANOSECONDS.toMillis(AFTERMATH_NANOS) + " ms after pool.close() returned and every "
                    + "injected hang ended\n" + stack(t));
        }
        if (!live.isEmpty()) {
            violations.add(Kind.CONNECTION_LEFT_OPEN, live.size() + " physical connection(s) never closed nor "
                    + "aborted by the pool " + TimeUnit.NANOSECONDS.toMillis(AFTERMATH_NANOS) + " ms after pool.close() "
                    + "returned and every injected hang ended: " + live + "; pool.stats() says " + pool.stats().counts());
        }
    }

    /** Open physical connections the pool never called close() or abort() on. */
    private List<StubConnection> unclosed() {
        return behaviour.connections().stream().filter(c -> !observer.closeAttempted(c)).collect(Collectors.toList());
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Live threads whose name starts with {@code credpool-}. */
    static Set<Thread> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("credpool-"))
                .collect(Collectors.toSet());
    }

    /** The thread's stack, at most 25 frames. */
    static String stack(Thread t) {
        StringBuilder b = new StringBuilder("  \"" + t.getName() + "\" " + t.getState());
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 25); i++) {
            b.append("\n    at ").append(frames[i]);
        }
        return b.toString();
    }

    /** Whether the CPU use of waiting platform threads can be checked on this JVM. */
    static boolean measuresCpu() {
        return CPU != null;
    }

    /** CPU time of the calling thread, or -1 where it cannot be measured (virtual threads). */
    static long cpuNanos() {
        try {
            if (CPU == null || IS_VIRTUAL != null && (Boolean) IS_VIRTUAL.invoke(Thread.currentThread())) {
                return -1;
            }
            return CPU.now();
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The current thread's CPU time from the platform ThreadMXBean. */
    private record CpuClock(Object bean, Method cpuTime) {

        static CpuClock find() {
            try {
                Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                        .invoke(null);
                Class<?> type = Class.forName("java.lang.management.ThreadMXBean");
                if (!(Boolean) type.getMethod("isCurrentThreadCpuTimeSupported").invoke(bean)) {
                    return null;
                }
                type.getMethod("setThreadCpuTimeEnabled", boolean.class).invoke(bean, true);
                return new CpuClock(bean, type.getMethod("getCurrentThreadCpuTime"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        long now() throws ReflectiveOperationException {
            return (Long) cpuTime.invoke(bean);
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void join(Thread t, long nanos) {
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts for the report. */
    String counts() {
        return borrows.sum() + " borrows, " + staleChecks.sum() + " stale calls, " + interrupts.sum()
                + " interrupts, " + evictions.sum() + " evictIdle calls, " + suspensions.sum() + " suspensions, " + resizes.sum() + " resizes, " + faults.thrown.sum() + " injected failures, " + faults.hangs.sum() + " hangs";
    }
}
