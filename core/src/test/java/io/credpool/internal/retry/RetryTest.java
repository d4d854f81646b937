package io.credpool.internal.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one retry loop: attempts, waits (with a fake sleeper: nothing here really sleeps), interrupts, causes. */
class RetryTest {

    /** A caller's exception type, as the pool's SQLException or the AWS sources' own. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Failures that record what the loop told them. */
    static class Recorder implements Retry.Failures<Failed> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void retrying(int attempt, Failed failure, Duration delay) {
            calls.add("retrying " + attempt + " " + failure.getMessage() + " " + delay.toMillis());
        }

        @Override
        public Failed exhausted(Failed last, int attempts) {
            return new Failed("gave up after " + attempts, last);
        }

        @Override
        public Failed interrupted(Failed last) {
            return new Failed("interrupted", last);
        }
    }

    private final List<Duration> slept = new ArrayList<>();
    private final Retry.Sleeper fake = slept::add;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static Retry retry(RetryPolicy policy, Retry.Sleeper sleeper, double random) {
        return Retry.on(policy).with(sleeper, () -> random);
    }

    @Test
    void triesMaxAttemptsWaitingThePolicysDelaysThenThrowsWhatExhaustedSaysWithTheLastFailureAsCause() {
        Recorder failures = new Recorder();
        List<Integer> attempts = new ArrayList<>();
        Failed e = assertThrows(Failed.class, () -> retry(RetryPolicy.defaults().withMaxAttempts(4), fake, 0.0)
                .call(n -> {
                    attempts.add(n);
                    throw new Failed("failure " + n, null);
                }, failures));
        assertEquals(List.of(1, 2, 3, 4), attempts);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), slept);
        assertEquals(List.of("retrying 1 failure 1 1000", "retrying 2 failure 2 2000", "retrying 3 failure 3 4000"),
                failures.calls);
        assertEquals("gave up after 4", e.getMessage());
        assertEquals("failure 4", e.getCause().getMessage());
    }

    @Test
    void jitterComesFromTheRandomSourceAndThePolicy() throws Exception {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1000), 2.0, Duration.ofMillis(1500), 0.5);
        Recorder failures = new Recorder();
        String value = retry(policy, fake, 0.5).call(n -> {
            if (n < 3) {
                throw new Failed("no", null);
            }
            return "yes";
        }, failures);
        assertEquals("yes", value);
        // 1000 and min(2000, 1500) = 1500, each cut by 0.5 × 0.5 of itself.
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1125)), slept);
        assertEquals(Duration.ofMillis(750), retry(policy, fake, 0.5).delayBefore(2));
    }

    @Test
    void theFirstSuccessEndsTheLoopWithoutWaiting() throws Exception {
        assertEquals("ok", retry(RetryPolicy.defaults(), fake, 0.0).call(n -> "ok", new Recorder()));
        assertTrue(slept.isEmpty());
    }

    @Test
    void aFailureTheCallerDoesNotRetryIsThrownAtOnceAsItIs() {
        Failed fatal = new Failed("fatal", null);
        Recorder failures = new Recorder() {
            @Override
            public boolean retryable(Failed failure) {
                return failure != fatal;
            }
        };
        List<Integer> attempts = new ArrayList<>();
        Failed e = assertThrows(Failed.class, () -> retry(RetryPolicy.defaults(), fake, 0.0).call(n -> {
            attempts.add(n);
            throw n == 1 ? new Failed("transient", null) : fatal;
        }, failures));
        assertSame(fatal, e);
        assertEquals(List.of(1, 2), attempts);
    }

    @Test
    void anErrorOrRuntimeExceptionFromAnAttemptIsNotRetried() {
        List<Integer> attempts = new ArrayList<>();
        Retry r = retry(RetryPolicy.defaults(), fake, 0.0);
        OutOfMemoryError oom = new OutOfMemoryError("driver");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> r.call(n -> {
            attempts.add(n);
            throw oom;
        }, new Recorder())));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> r.call(n -> {
            attempts.add(n);
            throw bug;
        }, new Recorder())));
        assertEquals(List.of(1, 1), attempts);
        assertTrue(slept.isEmpty());
    }

    @Test
    void anInterruptDuringTheWaitStopsAtOnceKeepsTheFlagAndKeepsTheLastFailureAsCause() {
        Retry.Sleeper interrupted = delay -> {
            slept.add(delay);
            throw new InterruptedException();
        };
        List<Integer> attempts = new ArrayList<>();
        Failed e = assertThrows(Failed.class, () -> retry(RetryPolicy.defaults(), interrupted, 0.0).call(n -> {
            attempts.add(n);
            throw new Failed("refused", null);
        }, new Recorder()));
        assertEquals("interrupted", e.getMessage());
        assertEquals("refused", e.getCause().getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(List.of(1), attempts);
        assertEquals(List.of(Duration.ofSeconds(1)), slept);
    }

    @Test
    void anAttemptThatEndsInterruptedIsNotRetriedAndNothingWaits() {
        Recorder failures = new Recorder();
        Failed e = assertThrows(Failed.class, () -> retry(RetryPolicy.defaults(), fake, 0.0).call(n -> {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting for the server", new IOException());
        }, failures));
        assertEquals("interrupted", e.getMessage());
        assertEquals("interrupted while waiting for the server", e.getCause().getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(slept.isEmpty());
        assertTrue(failures.calls.isEmpty());
    }

    @Test
    void theRealSleeperStopsAtAnInterruptInsteadOfSleeping() {
        long start = System.nanoTime();
        Failed e = assertThrows(Failed.class, () -> Retry.on(RetryPolicy.defaults()).call(n -> {
            throw new Failed("down", null);
        }, new Recorder() {
            @Override
            public void retrying(int attempt, Failed failure, Duration delay) {
                // An interrupt that arrives just as the 1 s wait begins.
                Thread.currentThread().interrupt();
            }
        }));
        assertEquals("interrupted", e.getMessage());
        assertEquals("down", e.getCause().getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(System.nanoTime() - start < Duration.ofMillis(900).toNanos(), "did not sleep the 1 s");
    }
}
