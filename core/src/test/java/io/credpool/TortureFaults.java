package io.credpool;

import io.credpool.testkit.Poll;
import io.credpool.testkit.stub.StubConnection;
import io.credpool.testkit.stub.StubFault;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The faults of one torture round, injected into every stub driver call at the round's rates:
 * SQLExceptions with SQLStates a pool must tell apart (fatal {@code 08006}, {@code 57P01},
 * {@code 57P05}; harmless {@code 42P01}, ...), RuntimeExceptions, Errors (a custom
 * AssertionError, NoClassDefFoundError, OutOfMemoryError instances), and hangs that ignore
 * interrupts but end by themselves within the round's {@link TortureParams#longestHangMillis()}.
 *
 * <p>Every injected throwable's message starts with {@link #MARK}, so the harness can tell a
 * driver failure the pool passed on from a failure of the pool's own.
 *
 * <p>Which calls fail is random per call (not replayable: thread interleavings are not either);
 * the seed fixes the rates.
 */
final class TortureFaults implements StubFault {

    /** The start of every injected throwable's message. */
    static final String MARK = "injected ";

    /** The driver calls the pool itself makes to open, check, reset and close connections: their rates are tripled. */
    static final List<String> LIFECYCLE_CALLS = List.of(StubFault.CONNECT, "Connection.close",
            "Connection.isValid", "Connection.abort", "Connection.rollback", "Connection.setAutoCommit",
            "Connection.setReadOnly", "Connection.setTransactionIsolation", "Connection.setSchema",
            "Statement.close", "PreparedStatement.close");
    private static final Set<String> LIFECYCLE = Set.copyOf(LIFECYCLE_CALLS);
    private static final String[] SQL_STATES = {"08006", "57P01", "57P05", "42P01", "08003", "40001", "53300",
        "XX000", "57014"};

    /** An AssertionError of our own, as a driver's failed assertion would raise. */
    static final class InjectedAssertionError extends AssertionError {
        private static final long serialVersionUID = 1L;

        InjectedAssertionError(String message) {
            super(message);
        }
    }

    private final TortureParams params;
    private volatile boolean on;
    /** Calls inside {@link #inject}: after {@link #off()}, zero means every injected hang is over. */
    private final AtomicInteger inside = new AtomicInteger();
    final LongAdder thrown = new LongAdder();
    final LongAdder hangs = new LongAdder();

    TortureFaults(TortureParams params) {
        this.params = params;
    }

    void on() {
        on = true;
    }

    /** No new fault from now on; hangs under way go on until {@link #awaitHangsOver}. */
    void off() {
        on = false;
    }

    /** After {@link #off()}: waits up to {@code timeoutNanos} for injected hangs to end; whether they did. */
    boolean awaitHangsOver(long timeoutNanos) {
        return Poll.within(Duration.ofNanos(timeoutNanos), "injected hangs to end", () -> inside.get() == 0);
    }

    @Override
    public void inject(String call, StubConnection connection) throws Throwable {
        // Counted before looking at the switch, so that once off() is seen and the count is zero,
        // no hang can still begin.
        inside.incrementAndGet();
        try {
            if (!on) {
                return;
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            double boost = LIFECYCLE.contains(call) ? 3 : 1;
            double x = r.nextDouble();
            if (call.equals(params.focusCall()) && r.nextDouble() < params.focusRate()) {
                thrown.increment();
                throw failure(call, r, 0.5);
            } else if ("Connection.isValid".equals(call) && r.nextDouble() < params.validationHangRate()) {
                hangs.increment();
                StubFault.hang(Duration.ofMillis(50 + r.nextLong(params.validationHangMaxMillis() - 49)));
            } else if (x < params.hangRate() * boost) {
                hangs.increment();
                StubFault.hang(Duration.ofMillis(50 + r.nextLong(Math.max(1, params.hangMaxMillis() - 49))));
            } else if (x < (params.hangRate() + params.failRate()) * boost) {
                thrown.increment();
                throw failure(call, r, params.errorShare());
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    private Throwable failure(String call, ThreadLocalRandom r, double errorShare) {
        String message = MARK + "failure of " + call;
        if (r.nextDouble() < errorShare) {
            switch (r.nextInt(3)) {
                case 0:
                    return new InjectedAssertionError(message);
                case 1:
                    return new NoClassDefFoundError(message);
                default:
                    return new OutOfMemoryError(message);
            }
        }
        if (r.nextInt(5) == 0) {
            return r.nextBoolean() ? new IllegalStateException(message) : new NullPointerException(message);
        }
        if (call.equals(StubFault.CONNECT) && r.nextInt(8) == 0) {
            return new SQLInvalidAuthorizationSpecException(message, "28P01");
        }
        String state = call.equals(StubFault.CONNECT) && r.nextBoolean() ? "08001"
                : SQL_STATES[r.nextInt(SQL_STATES.length)];
        if (state.startsWith("08")) {
            return new SQLNonTransientConnectionException(message, state);
        }
        if (state.equals("40001")) {
            return new SQLTransactionRollbackException(message, state);
        }
        return new SQLException(message, state);
    }

    /** Whether {@code t}, a cause of it or a suppressed one was injected here. */
    static boolean isInjected(Throwable t) {
        return isInjected(t, 0);
    }

    private static boolean isInjected(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String m = t.getMessage();
        if (m != null && m.contains(MARK)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (isInjected(s, depth + 1)) {
                return true;
            }
        }
        return isInjected(t.getCause(), depth + 1);
    }
}
