package io.credpool.testkit;

/**
 * A throwaway cluster could not be created, started, stopped or administered. The message says
 * what failed and, where the server wrote one, ends with the tail of its log.
 */
public final class PgClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and how to fix it
     * @param cause   the underlying failure, or {@code null}
     */
    public PgClusterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed and how to fix it */
    public PgClusterException(String message) {
        super(message);
    }
}
