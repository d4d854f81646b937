package io.credpool.internal.retry;

import io.credpool.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry loop of credpool and its AWS providers: attempts on a {@link RetryPolicy}'s
 * schedule, with one rule for interruption.
 *
 * <ul>
 *   <li>Attempt 1 runs at once; before attempt {@code n} the loop waits
 *       {@link RetryPolicy#delayBefore(int, double) policy.delayBefore(n, random)}.</li>
 *   <li>A failure the caller calls {@linkplain Failures#retryable retryable} is retried until the
 *       policy's attempts are used up; then {@link Failures#exhausted} says what to throw. Any
 *       other checked failure is thrown at once as it is; a {@link RuntimeException} or an
 *       {@link Error} from an attempt is never retried and passes through untouched.</li>
 *   <li>An interrupt (during the wait, or one an attempt left set) stops retrying at once: the
 *       thread's interrupt flag stays set, and {@link Failures#interrupted} turns the last failure
 *       (its cause) into the caller's exception.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the sleeper and random source are only replaced in tests.
 */
public final class Retry {

    /** How the loop waits: {@link Thread#sleep} unless a test gives a fake. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code delay}; throws when the thread is interrupted meanwhile. */
        void sleep(Duration delay) throws InterruptedException;
    }

    /** One attempt. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        /** Runs attempt number {@code attempt} (from 1). */
        T run(int attempt) throws E;
    }

    /**
     * What the caller decides about failures; all but {@link #interrupted} have defaults.
     *
     * @param <E> the caller's exception type
     */
    public interface Failures<E extends Exception> {
        /** Whether {@code failure} may be retried; one that may not is thrown at once. Default: all may. */
        default boolean retryable(E failure) {
            return true;
        }

        /** Called before waiting for the next attempt, e.g. to log; {@code delay} is the wait. */
        default void retrying(int attempt, E failure, Duration delay) {
        }

        /** What to throw when the last attempt failed with {@code last}. Default: {@code last}. */
        default E exhausted(E last, int attempts) {
            return last;
        }

        /**
         * What to throw when an interrupt stopped the retries; the interrupt flag is already set
         * again. Must keep {@code last} as the cause.
         */
        E interrupted(E last);
    }

    /**
     * {@link Thread#sleep} and {@link ThreadLocalRandom}: a named class, not two lambdas, because
     * each lambda costs the cold path to the first secret a generated class.
     */
    private static final class ThreadSleep implements Sleeper, DoubleSupplier {
        static final ThreadSleep INSTANCE = new ThreadSleep();

        @Override
        public void sleep(Duration delay) throws InterruptedException {
            Thread.sleep(delay.toMillis());
        }

        @Override
        public double getAsDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private Retry(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Retries on {@code policy}'s schedule, waiting with {@link Thread#sleep}. */
    public static Retry on(RetryPolicy policy) {
        return new Retry(policy, ThreadSleep.INSTANCE, ThreadSleep.INSTANCE);
    }

    /** A copy that waits with {@code sleeper} and draws jitter from {@code random} (values in [0, 1)): for tests. */
    public Retry with(Sleeper sleeper, DoubleSupplier random) {
        return new Retry(policy, sleeper, random);
    }

    /** The schedule. */
    public RetryPolicy policy() {
        return policy;
    }

    /**
     * The wait before attempt {@code attempt} (from 1), jitter drawn now. For callers that
     * schedule the next attempt instead of waiting for it (the pool's background connects).
     */
    public Duration delayBefore(int attempt) {
        return policy.delayBefore(attempt, random.getAsDouble());
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way that is not retried, the attempts
     * are used up, or the thread is interrupted; see the class comment.
     */
    public <T, E extends Exception> T call(Attempt<T, E> attempt, Failures<E> failures) throws E {
        int max = policy.maxAttempts();
        for (int n = 1; ; n++) {
            E failure;
            try {
                return attempt.run(n);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // Attempt.run declares E only, so a checked exception here is an E.
                @SuppressWarnings("unchecked")
                E caught = (E) e;
                failure = caught;
            }
            if (!failures.retryable(failure)) {
                throw failure;
            }
            if (n >= max) {
                throw failures.exhausted(failure, max);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw failures.interrupted(failure);
            }
            Duration delay = delayBefore(n + 1);
            failures.retrying(n, failure, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failures.interrupted(failure);
            }
        }
    }
}
