package io.credpool;

import io.credpool.internal.config.Redact;
import java.time.Instant;
import java.util.Objects;

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

    /**
     * Equal when user, password and expiry are equal, as a record's would be. Written out, not left
     * to the record's generated method: that one is bootstrapped through {@code ObjectMethods} on
     * first use, tens of milliseconds of CPU on the cold path to the first secret.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials && equalTo((Credentials) other);
    }

    private boolean equalTo(Credentials that) {
        return Objects.equals(username, that.username) && Objects.equals(password, that.password)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(username, password, expiresAt);
    }

    /** Shows the user and the expiry; the password is masked. */
    @Override
    public String toString() {
        return "Credentials[username=" + username
                + ", password=" + (password == null ? "<none>" : Redact.MASK)
                + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
    }
}
