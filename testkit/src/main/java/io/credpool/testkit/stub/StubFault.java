package io.credpool.testkit.stub;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A fault injected into the stub driver: installed with {@link StubBehaviour#faults(StubFault)},
 * it runs at the start of every driver call on that database, before the stub does anything else,
 * so it can make any call fail or block the way a broken driver or a dead server would.
 *
 * <p><b>Call names</b> are {@code <interface>.<method>}: {@code Driver.connect} (before the login
 * is checked; the connection is {@code null}), {@code Connection.close}, {@code Connection.isValid},
 * {@code Connection.abort}, {@code Statement.executeQuery}, {@code PreparedStatement.executeUpdate}
 * (every method called on a prepared statement, inherited ones included, is named
 * {@code PreparedStatement.*}), {@code ResultSet.next}, {@code DatabaseMetaData.getTables}, and so
 * on for every method the stub classes implement. Overloads share one name.
 *
 * <p><b>Throwing.</b> Whatever {@link #inject} throws reaches the caller of the driver method
 * unchanged: an {@link java.sql.SQLException}, a {@link RuntimeException}, an {@link Error}, and
 * even a checked exception the method does not declare (as a misbehaving driver could). Nothing is
 * wrapped or caught by the stub.
 *
 * <p><b>Blocking.</b> A fault may block, e.g. with {@link #hang(Duration)}, which ignores
 * interrupts like a read on a dead socket but always ends by itself.
 *
 * <p>Faults run on the caller's thread, concurrently from any number of threads: they must be
 * thread-safe. The ready-made ones here are.
 */
@FunctionalInterface
public interface StubFault {

    /** The name of a connect attempt, for the factories: {@value}. */
    String CONNECT = "Driver.connect";

    /**
     * Called at the start of every driver call; returning normally lets the call proceed.
     *
     * @param call       the call's name, e.g. {@code Connection.close}
     * @param connection the stub connection the call belongs to; {@code null} for {@link #CONNECT}
     * @throws Throwable anything, passed to the driver's caller unchanged
     */
    void inject(String call, StubConnection connection) throws Throwable;

    /** This fault, then (when this one returned normally) {@code next}. */
    default StubFault and(StubFault next) {
        Objects.requireNonNull(next, "next");
        return (call, connection) -> {
            inject(call, connection);
            next.inject(call, connection);
        };
    }

    /**
     * Every call named {@code call} throws what {@code failure} supplies. A supplier rather than
     * one instance: a Throwable thrown to many callers would share its stack trace and suppressed
     * exceptions between them (a pool adding one to itself would then fail on its own).
     */
    static StubFault failOn(String call, Supplier<? extends Throwable> failure) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(failure, "failure");
        return (name, connection) -> {
            if (name.equals(call)) {
                throw failure.get();
            }
        };
    }

    /** The next call named {@code call} throws what {@code failure} supplies; later ones proceed. */
    static StubFault failOnce(String call, Supplier<? extends Throwable> failure) {
        return failTimes(call, 1, failure);
    }

    /**
     * The next {@code times} calls named {@code call} throw what {@code failure} supplies; later
     * ones proceed. Counted exactly under concurrency.
     */
    static StubFault failTimes(String call, int times, Supplier<? extends Throwable> failure) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(failure, "failure");
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, got " + times);
        }
        AtomicInteger left = new AtomicInteger(times);
        return (name, connection) -> {
            if (name.equals(call) && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw failure.get();
            }
        };
    }

    /**
     * Every call named {@code call} first blocks for {@code duration} with {@link #hang(Duration)}
     * (interrupts ignored), then proceeds.
     */
    static StubFault hangOn(String call, Duration duration) {
        Objects.requireNonNull(call, "call");
        requireNonNegative(duration);
        return (name, connection) -> {
            if (name.equals(call)) {
                hang(duration);
            }
        };
    }

    /** The next call named {@code call} blocks for {@code duration} (interrupts ignored); later ones proceed at once. */
    static StubFault hangOnce(String call, Duration duration) {
        Objects.requireNonNull(call, "call");
        requireNonNegative(duration);
        AtomicInteger left = new AtomicInteger(1);
        return (name, connection) -> {
            if (name.equals(call) && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                hang(duration);
            }
        };
    }

    /**
     * Every connect takes {@code delay} longer before the login is checked, whatever interrupts
     * the connecting thread gets: a slow network or server, unlike
     * {@link StubBehaviour#connectDelay(Duration)}, which an interrupt cuts short.
     */
    static StubFault slowConnects(Duration delay) {
        return hangOn(CONNECT, delay);
    }

    /**
     * Blocks the calling thread for {@code duration} without burning CPU, the way a read on a
     * dead socket does: interrupts do not end it early, and the interrupt flag, cleared while
     * waiting, is set again before returning when an interrupt arrived. Always returns after
     * {@code duration}.
     */
    static void hang(Duration duration) {
        long deadline = System.nanoTime() + requireNonNegative(duration).toNanos();
        boolean interrupted = false;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(StubFault.class, left);
            // park returns at once while the flag is set: clear it so the next park blocks again.
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration requireNonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
        return duration;
    }
}
