package io.credpool.aws.internal.auth;

/**
 * One source of the chain has no credentials: it is not configured, or it failed. The message is
 * the reason shown in the chain's error, never a secret.
 */
final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the source was configured (then its failure is worth a warning). */
    final boolean configured;
    /** Whether asking again may help (an I/O error, throttling, a server error): {@link SourceRetry} retries these. */
    final boolean retryable;

    private Unavailable(String reason, boolean configured, boolean retryable, Throwable cause) {
        super(reason, cause, false, false);
        this.configured = configured;
        this.retryable = retryable;
    }

    /** The source's variables or files are absent. */
    static Unavailable notConfigured(String reason) {
        return new Unavailable(reason, false, false, null);
    }

    /** The source is configured but could not deliver. */
    static Unavailable failed(String reason) {
        return new Unavailable(reason, true, false, null);
    }

    /** The source is configured but could not deliver, because of {@code cause} (whose message is safe). */
    static Unavailable failed(String reason, Throwable cause) {
        return new Unavailable(reason, true, false, cause);
    }

    /** The source is configured and failed in a way that asking again may cure; {@code reason} is the failure alone. */
    static Unavailable retryable(String reason, Throwable cause) {
        return new Unavailable(reason, true, true, cause);
    }
}
