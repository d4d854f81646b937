package io.credpool.internal.cache;

import io.credpool.CredentialException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The one cache of every credential source: a value fetched on demand and kept until it is due for
 * a refresh, found stale, or invalidated. The rules, in one place:
 * <ul>
 *   <li><b>Coalesced:</b> one fetch at a time; callers that need a new value while it runs wait for
 *       it, at most {@link CachePolicy#waitTimeout()}; callers whose value is merely due for a
 *       refresh keep using it meanwhile.</li>
 *   <li><b>Refresh-ahead:</b> from {@link Fetched#refreshAt()} the next caller fetches, while the
 *       value still works.</li>
 *   <li><b>Keep-last-good:</b> if that refresh fails while the value is still usable (and not
 *       invalidated), the value is handed out with a warning and no fetch starts for
 *       {@link CachePolicy#retryAfter()}.</li>
 *   <li><b>Rate-limited:</b> after an invalidation or a failed fetch, no fetch starts within
 *       {@link CachePolicy#minInterval()} of the last one; meanwhile callers get the held value, or
 *       the last failure again. A value found stale (e.g. the file was rewritten) is fetched at
 *       once: the rate limit is for asking again about a value that has not changed.</li>
 *   <li><b>Precise invalidation:</b> {@link #invalidate(Predicate)} drops the held value only
 *       when it is the one that was refused; one refused before the last fetch concerns a value
 *       already replaced. No rule guesses from timing which value a refusal concerns.</li>
 *   <li><b>Forgetting:</b> {@link #invalidate()} drops the held value at once, so that nothing
 *       fetched before it is handed out after it, not even as a fallback (expired keys, a
 *       checkpoint).</li>
 * </ul>
 * The fetch runs on the caller's thread. Thread-safe; no {@code synchronized} (virtual threads).
 *
 * @param <T> the cached type
 */
public final class RefreshingCache<T> {

    /** Fetches a new value. */
    @FunctionalInterface
    public interface Fetcher<T> {
        /** A new value, or a {@link CredentialException} that says what to fix. */
        Fetched<T> fetch() throws CredentialException;
    }

    /**
     * A check made on every hand-out, e.g. whether a file changed: a stale value is never handed out
     * again; the caller fetches (or waits for the running fetch), and a failure is an error.
     */
    @FunctionalInterface
    public interface Staleness<T> {
        /** Whether {@code value} is outdated. */
        boolean isStale(T value) throws CredentialException;
    }

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /**
     * The cache's whole state, replaced as one.
     *
     * @param suspect     invalidated since
     * @param lastAttempt when the last fetch ended, whatever its outcome
     * @param retryAt     no refresh before this, after a failed one
     * @param failure     the last fetch's failure, while no newer fetch succeeded
     */
    private record State<T>(T value, Instant refreshAt, Instant usableUntil, boolean suspect, Instant lastAttempt,
                            Instant retryAt, Exception failure) {

        static <T> State<T> empty() {
            return new State<>(null, null, null, false, null, null, null);
        }

        boolean usable(Instant now) {
            return value != null && (usableUntil == null || now.isBefore(usableUntil));
        }

        boolean withinInterval(Instant now, java.time.Duration interval, Instant since) {
            return since != null && now.isBefore(since.plus(interval));
        }

        State<T> invalidated() {
            return new State<>(value, refreshAt, usableUntil, true, lastAttempt, retryAt, failure);
        }

        State<T> dueBy(Instant at) {
            return new State<>(value, at, usableUntil, suspect, lastAttempt, retryAt, failure);
        }

        State<T> keptAfter(Instant now, Instant retry) {
            return new State<>(value, refreshAt, usableUntil, suspect, now, retry, null);
        }

        State<T> failed(Instant now, Exception e) {
            return new State<>(value, refreshAt, usableUntil, suspect, now, retryAt, e);
        }
    }

    private final String name;
    private final Fetcher<T> fetcher;
    private final Staleness<T> staleness;
    private final CachePolicy policy;
    private final Clock clock;
    private final AtomicReference<State<T>> state = new AtomicReference<>(State.empty());
    private final ReentrantLock lock = new ReentrantLock();
    private CompletableFuture<T> inFlight; // guarded by lock
    /** Counts {@link #invalidate()} calls: a fetch that began before one does not keep its value. Guarded by lock. */
    private long forgotten;

    /**
     * @param name      what is cached, for messages, e.g. {@code "database credentials from AWS Secrets Manager"}
     * @param fetcher   fetches a new value
     * @param staleness checked on every hand-out, or {@code null}
     * @param policy    the timing rules
     * @param clock     the time source of every rule but {@link CachePolicy#waitTimeout()}
     */
    public RefreshingCache(String name, Fetcher<T> fetcher, Staleness<T> staleness, CachePolicy policy, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.staleness = staleness;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Holds {@code first}, fetched by the caller (e.g. at open, to learn more than the cached value). */
    public void seed(Fetched<T> first) {
        state.set(new State<>(first.value(), first.refreshAt(), first.usableUntil(), false, clock.instant(), null, null));
    }

    /**
     * The current value: the held one while it is fresh, else a fetched one (see the class comment).
     *
     * @throws CredentialException when no usable value can be had, or waiting for another thread's
     *                             fetch timed out or was interrupted (the interrupt flag stays set)
     */
    public T get() throws CredentialException {
        State<T> seen = state.get();
        if (fresh(seen, clock.instant())) {
            return seen.value();
        }
        return slow(seen);
    }

    /**
     * A value was refused (a login failed with it), and {@code refused} tells whether that is the
     * held one: if so, the next {@link #get()} fetches, subject to the minimum interval; if not,
     * the value was replaced since and nothing happens. Never blocks.
     */
    public void invalidate(Predicate<? super T> refused) {
        State<T> s = state.get();
        if (s.value() == null || s.suspect() || !refused.test(s.value())) {
            return;
        }
        // A lost race means a fetch just replaced the state: that value is newer than this failure.
        state.compareAndSet(s, s.invalidated());
    }

    /**
     * Drops the held value and any remembered failure: the next {@link #get()} fetches at once, and
     * a fetch under way when this is called completes for the callers waiting on it but is not
     * kept. So nothing fetched before this call is handed out after it, not even as the fallback
     * of a failed refresh: for a value that must never be used again (expired keys), and before a
     * checkpoint (CRaC, SnapStart), whose snapshot must hold no secret. Never blocks for long.
     */
    public void invalidate() {
        lock.lock();
        try {
            forgotten++;
            state.set(State.empty());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the held value due for a refresh no later than {@code at} (refresh-ahead: callers keep
     * using it while one of them fetches). Nothing happens when nothing is held. Never blocks.
     */
    public void refreshBy(Instant at) {
        State<T> s;
        do {
            s = state.get();
            if (s.value() == null || s.refreshAt() != null && !s.refreshAt().isAfter(at)) {
                return;
            }
        } while (!state.compareAndSet(s, s.dueBy(at)));
    }

    /** Fresh: good (see {@link #good}) and not due, or due but resting after a failed refresh. */
    private boolean fresh(State<T> s, Instant now) throws CredentialException {
        if (!good(s, now)) {
            return false;
        }
        boolean due = s.refreshAt() != null && !now.isBefore(s.refreshAt());
        return !due || s.retryAt() != null && now.isBefore(s.retryAt());
    }

    /** Good: may be handed out (usable, not invalidated, not stale), though perhaps due for a refresh. */
    private boolean good(State<T> s, Instant now) throws CredentialException {
        return s.usable(now) && !s.suspect() && (staleness == null || !staleness.isStale(s.value()));
    }

    private T slow(State<T> seen) throws CredentialException {
        CompletableFuture<T> future;
        boolean mine = false;
        boolean refreshing = false;
        long generation;
        lock.lock();
        try {
            generation = forgotten;
            State<T> base = state.get();
            Instant now = clock.instant();
            if (base != seen && fresh(base, now)) {
                return base.value();
            }
            boolean stale = base.value() != null && staleness != null && staleness.isStale(base.value());
            boolean stillGood = !stale && good(base, now);
            if (inFlight != null) {
                if (stillGood) {
                    return base.value(); // only due for a refresh: the running fetch brings the next one
                }
                future = inFlight;
            } else {
                if (!stillGood && !stale && base.withinInterval(now, policy.minInterval(), base.lastAttempt())) {
                    if (base.failure() != null) {
                        throw again(base.failure());
                    }
                    if (base.suspect() && base.usable(now)) {
                        return base.value();
                    }
                }
                future = new CompletableFuture<>();
                inFlight = future;
                mine = true;
                refreshing = stillGood;
            }
        } finally {
            lock.unlock();
        }
        return mine ? fetch(future, refreshing, generation) : await(future);
    }

    /**
     * Runs the fetch on this thread, then publishes its outcome to the state and to the waiters.
     *
     * @param refreshing the held value was good when the fetch began: it may be kept if the fetch fails
     * @param generation {@link #forgotten} when the fetch began: if it changed, the outcome is not kept
     */
    private T fetch(CompletableFuture<T> future, boolean refreshing, long generation) throws CredentialException {
        Fetched<T> fetched = null;
        Throwable thrown = null;
        try {
            fetched = fetcher.fetch();
        } catch (Throwable t) {
            thrown = t;
        }
        lock.lock();
        try {
            inFlight = null;
            State<T> current = state.get();
            Instant now = clock.instant();
            boolean kept = generation == forgotten;
            if (fetched != null) {
                if (kept) {
                    state.set(new State<>(fetched.value(), fetched.refreshAt(), fetched.usableUntil(), false, now,
                            null, null));
                }
                future.complete(fetched.value());
                return fetched.value();
            }
            if (thrown instanceof Error) {
                future.completeExceptionally(thrown);
                throw (Error) thrown;
            }
            Exception e = thrown instanceof Exception ? (Exception) thrown : new Exception(thrown);
            if (refreshing && kept && current.usable(now) && !current.suspect()) {
                state.set(current.keptAfter(now, now.plus(policy.retryAfter())));
                LOG.log(Level.WARNING, "Refreshing " + name + " failed (" + e.getMessage() + "); keeping the current "
                        + "ones and trying again in " + policy.retryAfter().toSeconds() + " s");
                future.complete(current.value());
                return current.value();
            }
            if (kept) {
                state.set(current.failed(now, e));
            }
            future.completeExceptionally(e);
            throw rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    private T await(CompletableFuture<T> future) throws CredentialException {
        try {
            return future.get(policy.waitTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException("Interrupted while waiting for " + name + " to be fetched");
        } catch (TimeoutException e) {
            throw new CredentialException("Timed out after " + policy.waitTimeout().toMillis() + " ms waiting for "
                    + name + " to be fetched by another thread");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw rethrow((Exception) cause);
            }
            throw new CredentialException("Fetching " + name + " failed (" + cause.getClass().getName() + ")", cause);
        }
    }

    /** The same failure for another caller: a new exception with the message, so each has its own stack. */
    private static CredentialException again(Exception e) {
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        return new CredentialException(e.getMessage(), e);
    }

    /** {@code e} as the fetcher threw it: a runtime exception as is, anything else as a credential failure. */
    private static CredentialException rethrow(Exception e) {
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        return e instanceof CredentialException ? (CredentialException) e : new CredentialException(e.getMessage(), e);
    }

    /** {@code Cache[name]}: never the value. */
    @Override
    public String toString() {
        return "RefreshingCache[" + name + "]";
    }
}
