package io.credpool.testkit.stub;

/**
 * Sees every call that reaches the stub driver, so a test can tell whether a call got through to
 * a physical connection (or that it must not have). Installed with
 * {@link StubBehaviour#onCall(StubCallListener)}.
 *
 * <p>Called on the calling thread at the start of each call, before any {@link StubFault} runs,
 * concurrently from any number of threads: it must be thread-safe, quick and must not throw
 * (what it throws reaches the driver's caller).
 */
@FunctionalInterface
public interface StubCallListener {

    /**
     * One driver call is starting.
     *
     * @param call       its name, as in {@link StubFault}: e.g. {@code Connection.close}
     * @param connection the stub connection it belongs to; {@code null} for {@code Driver.connect}
     * @param thread     the calling thread (the current one)
     */
    void called(String call, StubConnection connection, Thread thread);
}
