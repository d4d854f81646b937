package io.credpool;

/**
 * Configuration that cannot work: a malformed {@code DATABASE_URL}, a bad pool setting, an
 * incomplete secret, no credential provider configured.
 *
 * <p>The message names the offending key or field and says how to fix it. It never contains a
 * secret value: not a password, a token, or the raw URL that holds them.
 */
public class DatabaseConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A configuration error with a message that names the key and the fix. */
    public DatabaseConfigException(String message) {
        super(message);
    }

    /**
     * A configuration error caused by another failure. The cause's own message must not hold a
     * secret either; wrap only causes whose messages are known to be safe.
     */
    public DatabaseConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
