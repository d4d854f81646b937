package io.credpool.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import io.credpool.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's rules with a time source the test moves by hand: no rule here depends on how fast the
 * machine is, except the bounded wait for another thread's fetch, which is real time by design.
 */
class RefreshingCacheTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String SECRET = "pw-only-in-the-value-7Qx";

    /** A fetcher the test scripts: each call takes the next answer, counts, and may block. */
    final class Script implements RefreshingCache.Fetcher<String> {
        final AtomicInteger calls = new AtomicInteger();
        volatile Duration refreshIn;
        volatile Duration usableFor;
        volatile CountDownLatch gate;
        volatile CountDownLatch entered = new CountDownLatch(1);
        final AtomicReference<Object> next = new AtomicReference<>();

        @Override
        public Fetched<String> fetch() throws CredentialException {
            int n = calls.incrementAndGet();
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CredentialException("fetch interrupted");
                }
            }
            Object answer = next.get();
            if (answer instanceof CredentialException) {
                throw (CredentialException) answer;
            }
            if (answer instanceof RuntimeException) {
                throw (RuntimeException) answer;
            }
            if (answer instanceof Error) {
                throw (Error) answer;
            }
            String value = answer == null ? "v" + n : (String) answer;
            Instant now = clock.instant();
            return new Fetched<>(value, refreshIn == null ? null : now.plus(refreshIn),
                    usableFor == null ? null : now.plus(usableFor));
        }
    }

    private final MutableClock clock = new MutableClock(T0);
    private final Script script = new Script();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<CountDownLatch> toRelease = new ArrayList<>();

    @AfterEach
    void release() {
        toRelease.forEach(CountDownLatch::countDown);
        threads.shutdownNow();
    }

    private RefreshingCache<String> cache(CachePolicy policy) {
        return new RefreshingCache<>("test credentials", script, null, policy, clock);
    }

    private RefreshingCache<String> cache() {
        return cache(CachePolicy.defaults());
    }

    private CountDownLatch gate() {
        CountDownLatch g = new CountDownLatch(1);
        toRelease.add(g);
        script.gate = g;
        script.entered = new CountDownLatch(1);
        return g;
    }

    @Test
    void servesTheHeldValueUntilItIsDueThenFetches() throws Exception {
        script.refreshIn = Duration.ofMinutes(10);
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        clock.advance(Duration.ofMinutes(9));
        assertEquals("v1", cache.get());
        assertEquals(1, script.calls.get());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("v2", cache.get());
        assertEquals("v2", cache.get());
        assertEquals(2, script.calls.get());
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        RefreshingCache<String> cache = cache();
        CountDownLatch gate = gate();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(threads.submit(cache::get));
        }
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        gate.countDown();
        for (Future<String> f : results) {
            assertEquals("v1", f.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, script.calls.get());
    }

    @Test
    void whileARefreshRunsOthersKeepTheStillValidValue() throws Exception {
        script.refreshIn = Duration.ofMinutes(10);
        script.usableFor = Duration.ofMinutes(15);
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        clock.advance(Duration.ofMinutes(11));
        CountDownLatch gate = gate();
        Future<String> refresher = threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        assertEquals("v1", cache.get(), "no waiting while the held value still works");
        gate.countDown();
        assertEquals("v2", refresher.get(5, TimeUnit.SECONDS));
        assertEquals("v2", cache.get());
        assertEquals(2, script.calls.get());
    }

    @Test
    void aFailedRefreshKeepsTheValueWhileItIsUsableThenFails() throws Exception {
        script.refreshIn = Duration.ofMinutes(10);
        script.usableFor = Duration.ofMinutes(14);
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        script.next.set(new CredentialException("endpoint down"));
        try (LogCapture log = LogCapture.start()) {
            clock.advance(Duration.ofMinutes(10));
            assertEquals("v1", cache.get());
            assertEquals(2, script.calls.get());
            assertEquals(List.of("Refreshing test credentials failed (endpoint down); keeping the current ones and "
                    + "trying again in 30 s"), log.messages());
            clock.advance(Duration.ofSeconds(29));
            assertEquals("v1", cache.get());
            assertEquals(2, script.calls.get(), "no attempt within retryAfter");
            clock.advance(Duration.ofSeconds(1));
            assertEquals("v1", cache.get());
            assertEquals(3, script.calls.get());
            clock.advance(Duration.ofMinutes(4)); // past usableUntil
            CredentialException e = assertThrows(CredentialException.class, cache::get);
            assertEquals("endpoint down", e.getMessage());
            assertEquals(4, script.calls.get());
            log.assertNeverContains("v1");
        }
    }

    @Test
    void refusalsFetchAtMostOnceASecond() throws Exception {
        RefreshingCache<String> cache = cache();
        script.next.set("same");
        assertEquals("same", cache.get());
        clock.advance(Duration.ofSeconds(5));
        cache.invalidate("same"::equals);
        assertEquals("same", cache.get());
        assertEquals(2, script.calls.get());
        for (int i = 0; i < 50; i++) {
            cache.invalidate("same"::equals);
            assertEquals("same", cache.get(), "within a second of the last fetch: the held value");
        }
        assertEquals(2, script.calls.get());
        clock.advance(Duration.ofSeconds(1));
        cache.invalidate("same"::equals);
        assertEquals("same", cache.get());
        assertEquals(3, script.calls.get());
    }

    @Test
    void aRefusalOfTheHeldValueFetchesAgainWhenTheRateLimitAllows() throws Exception {
        RefreshingCache<String> cache = cache();
        cache.seed(Fetched.untilInvalidated("seeded"));
        cache.invalidate("seeded"::equals);
        assertEquals("seeded", cache.get(), "within a second of the fetch at open: asked again a second later");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("v1", cache.get(), "the held value was refused, so it is fetched again");
        assertEquals(1, script.calls.get());
    }

    @Test
    void aRefusalOfAValueAlreadyReplacedChangesNothingWhateverTheTime() throws Exception {
        RefreshingCache<String> cache = cache();
        cache.seed(Fetched.untilInvalidated("old"));
        clock.advance(Duration.ofSeconds(1));
        cache.invalidate("old"::equals);
        assertEquals("v1", cache.get());
        for (Duration later : new Duration[] {Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(5)}) {
            clock.advance(later);
            // Other connections that logged in with the old value fail now, one after another.
            cache.invalidate("old"::equals);
            assertEquals("v1", cache.get());
        }
        assertEquals(1, script.calls.get(), "refusals of the replaced value fetch nothing");
    }

    @Test
    void aValueRefusedAgainIsFetchedAtMostOnceASecondUnlessItWentStale() throws Exception {
        AtomicReference<String> source = new AtomicReference<>("a");
        RefreshingCache<String> cache = new RefreshingCache<>("test credentials", () -> {
            script.calls.incrementAndGet();
            return Fetched.untilInvalidated(source.get());
        }, held -> !held.equals(source.get()), CachePolicy.defaults(), clock);
        assertEquals("a", cache.get());
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            cache.invalidate("a"::equals);
            assertEquals("a", cache.get(), "the source still holds the refused value: asked again once");
        }
        assertEquals(2, script.calls.get(), "one fetch at start, one after the first refusal, then rate-limited");
        source.set("b"); // the file is rewritten: no waiting for the rate limit
        assertEquals("b", cache.get());
        assertEquals(3, script.calls.get());
        clock.advance(Duration.ofSeconds(1));
        cache.invalidate("b"::equals);
        assertEquals("b", cache.get());
        assertEquals(4, script.calls.get(), "a second later a refused, unchanged value is asked for again");
    }

    @Test
    void invalidateDropsTheValueAtOnceWhateverTheTime() throws Exception {
        RefreshingCache<String> cache = cache();
        cache.seed(Fetched.untilInvalidated("seeded"));
        cache.invalidate(); // the same instant as the seed: no rate limit, no guess from timing
        assertEquals("v1", cache.get());
        cache.invalidate();
        assertEquals("v2", cache.get());
        assertEquals(2, script.calls.get());
    }

    @Test
    void aDroppedValueIsNotTheFallbackOfAFailedRefresh() throws Exception {
        script.refreshIn = Duration.ofMinutes(10);
        script.usableFor = Duration.ofMinutes(15);
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        cache.invalidate(); // a checkpoint: v1 must not come back
        clock.advance(Duration.ofMinutes(11));
        script.next.set(new CredentialException("endpoint down"));
        CredentialException e = assertThrows(CredentialException.class, cache::get);
        assertEquals("endpoint down", e.getMessage());
        script.next.set(null);
        clock.advance(Duration.ofSeconds(1));
        assertEquals("v3", cache.get());
    }

    @Test
    void aFetchUnderWayWhenTheValueIsDroppedServesItsWaitersButIsNotKept() throws Exception {
        RefreshingCache<String> cache = cache();
        CountDownLatch gate = gate();
        Future<String> early = threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        cache.invalidate(); // suspend() while a connector fetches
        gate.countDown();
        assertEquals("v1", early.get(5, TimeUnit.SECONDS), "the caller that asked before gets its answer");
        script.gate = null;
        assertEquals("v2", cache.get(), "but the value fetched before the drop is not handed out after it");
        assertEquals(2, script.calls.get());
    }

    @Test
    void refreshByMakesTheHeldValueDueEarlierNeverLater() throws Exception {
        script.refreshIn = Duration.ofMinutes(10);
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        cache.refreshBy(T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(4));
        cache.refreshBy(T0.plus(Duration.ofSeconds(5)));
        assertEquals("v1", cache.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("v2", cache.get(), "due at the earlier time");
        clock.advance(Duration.ofMinutes(9));
        assertEquals("v2", cache.get(), "the fetch's own refresh time applies again");
        assertEquals(2, script.calls.get());
    }

    @Test
    void aFailureAfterAnInvalidationIsThrownAndRepeatedWithoutFetchingForASecond() throws Exception {
        RefreshingCache<String> cache = cache();
        assertEquals("v1", cache.get());
        clock.advance(Duration.ofSeconds(5));
        script.next.set(new CredentialException("access denied"));
        cache.invalidate("v1"::equals);
        CredentialException first = assertThrows(CredentialException.class, cache::get);
        assertEquals("access denied", first.getMessage());
        CredentialException again = assertThrows(CredentialException.class, cache::get);
        assertEquals("access denied", again.getMessage());
        assertSame(first, again.getCause());
        assertEquals(2, script.calls.get());
        clock.advance(Duration.ofSeconds(1));
        script.next.set("fixed");
        assertEquals("fixed", cache.get());
        assertEquals(3, script.calls.get());
    }

    @Test
    void aRuntimeExceptionReachesTheCallerAsIs() {
        RefreshingCache<String> cache = cache();
        IllegalStateException bug = new IllegalStateException("bad document");
        script.next.set(bug);
        assertSame(bug, assertThrows(IllegalStateException.class, cache::get));
    }

    @Test
    void aFetchThatThrowsAnErrorReleasesItsWaiters() throws Exception {
        RefreshingCache<String> cache = cache();
        CountDownLatch gate = gate();
        StackOverflowError error = new StackOverflowError("deep");
        script.next.set(error);
        Future<String> fetcher = threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        AtomicReference<Thread> waiting = new AtomicReference<>();
        Future<String> waiter = waiter(cache, waiting);
        awaitBlocked(waiting);
        gate.countDown();
        Exception fetcherFailure = assertThrows(Exception.class, () -> fetcher.get(5, TimeUnit.SECONDS));
        assertSame(error, fetcherFailure.getCause());
        Exception waiterFailure = assertThrows(Exception.class, () -> waiter.get(5, TimeUnit.SECONDS));
        CredentialException e = (CredentialException) waiterFailure.getCause();
        assertEquals("Fetching test credentials failed (java.lang.StackOverflowError)", e.getMessage());
        assertSame(error, e.getCause());

        script.gate = null;
        script.next.set(null);
        assertEquals("v2", cache.get(), "the next caller fetches again: nothing is left in flight");
    }

    @Test
    void aWaiterGivesUpOnAFetchThatHangs() throws Exception {
        RefreshingCache<String> cache = cache(new CachePolicy(CachePolicy.MIN_INTERVAL, CachePolicy.RETRY_AFTER, Duration.ofMillis(200)));
        gate();
        threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        CredentialException e = assertThrows(CredentialException.class, cache::get);
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals("Timed out after 200 ms waiting for test credentials to be fetched by another thread",
                e.getMessage());
        assertTrue(took >= 190 && took < 5000, "took " + took + " ms");
        assertEquals(1, script.calls.get(), "the waiter did not start a fetch of its own");
    }

    @Test
    void anInterruptedWaiterStopsWaitingAndKeepsItsFlag() throws Exception {
        RefreshingCache<String> cache = cache();
        CountDownLatch gate = gate();
        Future<String> fetcher = threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        AtomicReference<Boolean> flag = new AtomicReference<>();
        AtomicReference<Thread> waiting = new AtomicReference<>();
        Future<String> waiter = threads.submit(() -> {
            waiting.set(Thread.currentThread());
            try {
                return cache.get();
            } finally {
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitBlocked(waiting);
        waiter.cancel(true);
        Poll.eventually(Duration.ofSeconds(5), "the waiter to return", () -> flag.get() != null);
        assertEquals(Boolean.TRUE, flag.get(), "the waiter returned with its interrupt flag set");
        gate.countDown();
        assertEquals("v1", fetcher.get(5, TimeUnit.SECONDS), "the fetch itself goes on for the others");
        assertEquals(1, script.calls.get());
    }

    @Test
    void theInterruptedWaitersFailureSaysSo() throws Exception {
        RefreshingCache<String> cache = cache();
        gate();
        threads.submit(cache::get);
        assertTrue(script.entered.await(5, TimeUnit.SECONDS));
        Thread.currentThread().interrupt();
        try {
            CredentialException e = assertThrows(CredentialException.class, cache::get);
            assertEquals("Interrupted while waiting for test credentials to be fetched", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStaleValueIsNeverHandedOutAgainAndAFailedRereadIsAnError() throws Exception {
        AtomicReference<String> onDisk = new AtomicReference<>("v1");
        RefreshingCache<String> cache = new RefreshingCache<>("file credentials", script,
                value -> !value.equals(onDisk.get()), CachePolicy.defaults(), clock);
        assertEquals("v1", cache.get());
        assertEquals("v1", cache.get());
        assertEquals(1, script.calls.get());
        onDisk.set("v2");
        assertEquals("v2", cache.get());
        assertEquals(2, script.calls.get());
        onDisk.set("v3");
        script.next.set(new CredentialException("half written"));
        CredentialException e = assertThrows(CredentialException.class, cache::get);
        assertEquals("half written", e.getMessage());
        clock.advance(Duration.ofSeconds(1));
        script.next.set(null);
        assertEquals("v4", cache.get());
    }

    @Test
    void neverShowsTheValue() throws Exception {
        script.next.set(SECRET);
        RefreshingCache<String> cache = cache();
        assertEquals(SECRET, cache.get());
        assertEquals("RefreshingCache[test credentials]", cache.toString());
        assertFalse(cache.toString().contains(SECRET));
    }

    /** Runs {@code cache.get()} on a thread of its own, recorded in {@code thread}. */
    private Future<String> waiter(RefreshingCache<String> cache, AtomicReference<Thread> thread) {
        return threads.submit(() -> {
            thread.set(Thread.currentThread());
            return cache.get();
        });
    }

    /** Waits until {@code thread} blocks (it waits for the running fetch: it cannot start its own). */
    private static void awaitBlocked(AtomicReference<Thread> thread) {
        Poll.eventually(Duration.ofSeconds(5), "the waiter to block", () -> {
            Thread t = thread.get();
            return t != null && (t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING);
        });
    }
}
