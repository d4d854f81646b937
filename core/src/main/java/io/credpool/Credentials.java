package io.credpool;

import io.credpool.internal.config.Redact;
import java.time.Instant;

/**
 * A user name and password for one database login, as a credential source hands it out.
 *
 * <p>Values of this type travel through logs, exception messages and jshell echoes, so
 * {@link #toString()} never shows the password; only whether one is present.
 *
 * @param username  the database role; {@code null} when the driver should use its default
 * @param password  the password or token; {@code null} when none is needed
 * @param expiresAt when the password stops working (an IAM token, a leased secret), or {@code null}
 *                  when it is valid until rotated
 */
public record Credentials(String username, String password, Instant expiresAt) {

    /** Credentials that do not expire. */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password, null);
    }

    /**
     * Whether these credentials are expired, or will be within {@code margin} of {@code now}.
     * Credentials without an expiry never expire.
     */
    public boolean expiresWithin(java.time.Duration margin, Instant now) {
        return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
    }

    /** Shows the user and the expiry; the password is masked. */
    @Override
    public String toString() {
        return "Credentials[username=" + username
                + ", password=" + (password == null ? "<none>" : Redact.MASK)
                + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
    }
}
