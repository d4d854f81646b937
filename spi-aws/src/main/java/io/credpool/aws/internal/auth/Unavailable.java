package io.credpool.aws.internal.auth;

/**
 * One source of the chain has no credentials: it is not configured, or it failed. The message is
 * the reason shown in the chain's error, never a secret.
 */
final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the source was configured (then its failure is worth a warning). */
    final boolean configured;

    private Unavailable(String reason, boolean configured, Throwable cause) {
        super(reason, cause, false, false);
        this.configured = configured;
    }

    /** The source's variables or files are absent. */
    static Unavailable notConfigured(String reason) {
        return new Unavailable(reason, false, null);
    }

    /** The source is configured but could not deliver. */
    static Unavailable failed(String reason) {
        return new Unavailable(reason, true, null);
    }

    /** The source is configured but could not deliver, because of {@code cause} (whose message is safe). */
    static Unavailable failed(String reason, Throwable cause) {
        return new Unavailable(reason, true, cause);
    }
}
