package io.credpool;

import io.credpool.TortureObserver.Lease;
import io.credpool.TortureViolations.Kind;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One borrower of a torture round: until the round stops it borrows (at most two connections at
 * a time), uses them (statements, prepared statements, result sets, metadata, transactions,
 * session settings), gives them back, closes one from two threads at once, races abort() against
 * close(), holds one for longer than the shutdown timeout, and keeps handles of connections it
 * gave back to check that they are dead. Its random choices come from its own seeded stream.
 */
final class TortureWorker implements Runnable {

    private static final int MAX_HELD = 2;
    private static final int MAX_STALE = 12;

    /** A handle kept after its connection went back to the pool. */
    private record Stale(Object handle, String origin, long givenBackAt) {
    }

    private final TortureRound round;
    final TortureContext context;
    private final SplittableRandom random;
    private final List<Lease> held = new ArrayList<>();
    private final List<Stale> stale = new ArrayList<>();

    TortureWorker(TortureRound round, String name, long seed) {
        this.round = round;
        this.context = new TortureContext(name);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        context.attach();
        try {
            while (!round.stopping) {
                if (round.params.quietLulls() && round.inLull()) {
                    // Traffic goes quiet: what was borrowed comes back and goes stale in the pool.
                    while (!held.isEmpty()) {
                        giveBack(held.get(0), random.nextInt(3) == 0);
                    }
                }
                round.lull();
                step();
                LockSupport.parkNanos(random.nextLong(TimeUnit.MILLISECONDS.toNanos(2)));
            }
        } catch (Throwable t) {
            round.violations.add(Kind.HARNESS, context + " failed: " + LogCapture.stackTrace(t));
        } finally {
            while (!held.isEmpty()) {
                giveBack(held.get(0), false);
            }
            context.detach();
            context.finished = true;
            round.workerDone();
        }
    }

    private void step() {
        int roll = random.nextInt(100);
        if (held.isEmpty() || (roll < 25 && held.size() < MAX_HELD)) {
            borrow();
            return;
        }
        Lease lease = held.get(random.nextInt(held.size()));
        if (roll < 55) {
            use(lease);
        } else if (roll < 75) {
            giveBack(lease, random.nextInt(3) == 0);
        } else if (roll < 86 && !stale.isEmpty()) {
            useStale();
        } else if (roll < 91) {
            race(lease, false);
        } else if (roll < 95) {
            race(lease, true);
        } else if (roll < 96) {
            abort(lease);
        } else if (roll < 98) {
            hold();
        } else {
            use(lease);
        }
    }

    private void borrow() {
        Connection c = round.acquire(context);
        if (c == null) {
            return;
        }
        StubConnection physical = null;
        // Mostly looked up, to check ownership; sometimes not, since looking it up makes the pool
        // reset the connection on return and the plain return path deserves traffic too.
        if (random.nextInt(10) != 0) {
            try {
                physical = c.unwrap(StubConnection.class);
            } catch (SQLException e) {
                round.classify(e, "Connection.unwrap(StubConnection) on a fresh borrow");
            } catch (RuntimeException | Error e) {
                round.classify(e, "Connection.unwrap(StubConnection) on a fresh borrow");
            }
        }
        round.lentNow(context, physical);
        Lease lease = new Lease(c, physical, Thread.currentThread());
        round.observer.borrowed(lease);
        held.add(lease);
    }

    private void use(Lease lease) {
        Connection c = lease.proxy;
        boolean keep = random.nextInt(4) == 0;
        int kind = random.nextInt(6);
        try {
            switch (kind) {
                case 0 -> {
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select 1");
                    while (rs.next()) {
                        rs.getInt(1);
                    }
                    keepOrClose(lease, keep, rs, s);
                }
                case 1 -> {
                    PreparedStatement ps = c.prepareStatement("update t set x = ?");
                    ps.setInt(1, 1);
                    ps.executeUpdate();
                    keepOrClose(lease, keep, ps);
                }
                case 2 -> {
                    DatabaseMetaData md = c.getMetaData();
                    md.getURL();
                    ResultSet tables = md.getTables(null, "public", "%", null);
                    while (tables.next()) {
                        tables.getString(1);
                    }
                    keepOrClose(lease, keep, tables);
                    if (keep) {
                        lease.kept.add(md);
                    }
                }
                case 3 -> {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("update t set x = 1");
                    }
                    int end = random.nextInt(3);
                    if (end == 0) {
                        c.commit();
                    } else if (end == 1) {
                        c.rollback();
                    } // else: left open for the pool to roll back
                }
                case 4 -> {
                    c.setReadOnly(true);
                    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    c.setSchema("other");
                    c.getWarnings();
                }
                default -> {
                    c.isValid(1);
                    c.getAutoCommit();
                    c.clearWarnings();
                }
            }
        } catch (SQLException e) {
            round.classify(e, "using a borrowed connection");
        } catch (RuntimeException | Error e) {
            round.classify(e, "using a borrowed connection");
        }
    }

    private static void keepOrClose(Lease lease, boolean keep, AutoCloseable... handles) throws SQLException {
        for (AutoCloseable h : handles) {
            if (keep) {
                lease.kept.add(h);
            } else {
                try {
                    h.close();
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("a JDBC handle threw a checked non-SQLException", e);
                }
            }
        }
    }

    /** Gives {@code lease} back; keeps its handles to check later that they are dead, when {@code keepStale}. */
    private void giveBack(Lease lease, boolean keepStale) {
        held.remove(lease);
        round.givingBack(lease);
        // Now and then the borrower's interrupt flag is set while it gives the connection back.
        boolean interrupt = random.nextInt(20) == 0;
        if (interrupt) {
            Thread.currentThread().interrupt();
        }
        boolean closed = false;
        try {
            lease.proxy.close();
            closed = true;
        } catch (SQLException e) {
            round.classify(e, "Connection.close()");
        } catch (RuntimeException | Error e) {
            round.classify(e, "Connection.close()");
        } finally {
            if (interrupt) {
                Thread.interrupted();
            }
        }
        if (closed && keepStale) {
            keepStale(lease, "given back");
        }
    }

    private void keepStale(Lease lease, String how) {
        long now = System.nanoTime();
        stale.add(new Stale(lease.proxy, how, now));
        for (Object h : lease.kept) {
            stale.add(new Stale(h, how, now));
        }
        while (stale.size() > MAX_STALE) {
            stale.remove(0);
        }
    }

    /** Closes {@code lease} from this thread and a racer at the same moment; or aborts it from the racer. */
    private void race(Lease lease, boolean abort) {
        held.remove(lease);
        round.givingBack(lease);
        Meeting meeting = new Meeting();
        AtomicReference<Thread> racer = new AtomicReference<>();
        String theirs = abort ? "Connection.abort(executor) racing close()" : "Connection.close() racing close()";
        Future<Throwable> other = round.racers.submit(() -> {
            racer.set(Thread.currentThread());
            rendezvous(meeting);
            try {
                if (abort) {
                    lease.proxy.abort(Runnable::run);
                } else {
                    lease.proxy.close();
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        rendezvous(meeting);
        Throwable mine = null;
        try {
            lease.proxy.close();
        } catch (Throwable t) {
            mine = t;
        }
        round.classify(mine, abort ? "Connection.close() racing abort(executor)" : "Connection.close() racing close()");
        try {
            round.classify(other.get(round.params.longestHangMillis() + 10_000, TimeUnit.MILLISECONDS), theirs);
        } catch (TimeoutException e) {
            round.poisoned = true;
            Thread t = racer.get();
            round.violations.add(Kind.WORKER_STUCK, theirs + " on " + (t == null ? "a racer" : t.getName())
                    + " has not returned after " + (round.params.longestHangMillis() + 10_000) + " ms\n"
                    + (t == null ? "" : TortureRound.stack(t)));
        } catch (Exception e) {
            round.violations.add(Kind.HARNESS, "racer failed: " + LogCapture.stackTrace(e));
        }
        if (mine == null && random.nextInt(3) == 0) {
            keepStale(lease, abort ? "aborted while closed" : "closed twice at once");
        }
    }

    /** Where a borrower and a racer meet, to leave together. */
    private static final class Meeting {
        final AtomicInteger arrived = new AtomicInteger();
        volatile long leaveAt;
    }

    /**
     * Two threads meet here and leave at the same {@link System#nanoTime()}, 200 µs after the
     * second arrived, so that their next calls start within nanoseconds of each other. Waiting for
     * the other is bounded to 50 ms.
     */
    private static void rendezvous(Meeting meeting) {
        if (meeting.arrived.incrementAndGet() == 2) {
            meeting.leaveAt = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200);
        } else {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int spins = 0; meeting.leaveAt == 0 && System.nanoTime() - deadline < 0; spins++) {
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
        long leaveAt = meeting.leaveAt;
        while (leaveAt != 0 && System.nanoTime() - leaveAt < 0) {
            Thread.onSpinWait();
        }
    }

    private void abort(Lease lease) {
        held.remove(lease);
        round.givingBack(lease);
        boolean aborted = false;
        try {
            lease.proxy.abort(Runnable::run);
            aborted = true;
        } catch (SQLException e) {
            round.classify(e, "Connection.abort(executor)");
        } catch (RuntimeException | Error e) {
            round.classify(e, "Connection.abort(executor)");
        }
        if (aborted && random.nextBoolean()) {
            keepStale(lease, "aborted");
        }
    }

    /** Holds what it holds for up to the shutdown timeout + 400 ms: a slow borrower. */
    private void hold() {
        long until = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(100 + random.nextLong(round.params.shutdownTimeout().toMillis() + 300));
        while (!round.stopping && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** One call on a handle whose connection was given back: it must fail, saying closed, without reaching the driver. */
    private void useStale() {
        Stale s = stale.get(random.nextInt(stale.size()));
        List<StaleCalls.Call> calls = StaleCalls.on(s.handle);
        StaleCalls.Call call = calls.get(random.nextInt(calls.size()));
        String what = "stale " + StaleCalls.kind(s.handle) + "." + call.name() + " (" + s.origin + " "
                + TortureViolations.millis(s.givenBackAt, System.nanoTime()) + " ms earlier)";
        Object result = null;
        Throwable failure = null;
        context.stale = what;
        try {
            result = call.body().call(s.handle);
        } catch (Throwable t) {
            failure = t;
        } finally {
            context.stale = null;
        }
        round.staleChecks.increment();
        if (random.nextInt(3) == 0) {
            stale.remove(s);
        }
        if (failure != null && !(failure instanceof SQLException)) {
            if (!TortureFaults.isInjected(failure)) {
                round.violations.add(Kind.STALE_NOT_REJECTED, what + " threw " + LogCapture.stackTrace(failure));
            } // an injected failure means the call reached the driver: the listener reported that
            return;
        }
        if (failure != null) {
            round.classify(failure, what);
        }
        String problem = switch (call.expect()) {
            case THROW_CLOSED -> failure == null ? "returned " + describe(result)
                    : saysClosed(failure) ? null : "threw an SQLException that does not say closed: " + failure;
            case TRUE -> failure != null ? "threw " + failure : Boolean.TRUE.equals(result) ? null : "returned " + result;
            case FALSE -> failure != null ? "threw " + failure : Boolean.FALSE.equals(result) ? null : "returned " + result;
            case NOTHING -> failure != null ? "threw " + failure : null;
        };
        if (problem != null) {
            round.violations.add(Kind.STALE_NOT_REJECTED, what + " " + problem);
        }
    }

    private static boolean saysClosed(Throwable t) {
        String m = t.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains("closed");
    }

    private static String describe(Object result) {
        if (result == null) {
            return "null";
        }
        if (result instanceof Boolean || result instanceof Number || result instanceof String) {
            return "\"" + result + "\"";
        }
        return "a " + result.getClass().getName() + (result instanceof StubConnection ? " (the driver's connection " + result + ")" : "");
    }
}
