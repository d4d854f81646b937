package io.credpool.spi;

import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import java.sql.SQLException;

/**
 * A live supply of credentials for one database, opened by a {@link CredentialProvider} and
 * owned by the pool that uses it.
 *
 * <p>The pool calls {@link #credentials()} for every new physical connection, from many threads
 * at once, so implementations cache what they fetch and must be thread-safe. When the database
 * rejects a login the pool calls {@link #invalidate()} and asks again: a rotated password then
 * costs one failed login, not a failed borrow.
 */
public interface CredentialSource extends AutoCloseable {

    /** Where to connect: target, driver properties and pool settings. Stable for the source's life. */
    DatabaseConfig config();

    /**
     * The credentials to log in with now. Cheap when cached; may block to fetch.
     *
     * @throws SQLException a {@link io.credpool.CredentialException} when they cannot be had
     */
    Credentials credentials() throws SQLException;

    /**
     * An authentication failure was seen with the current credentials: drop any cache so that the
     * next {@link #credentials()} fetches fresh ones. Must not block.
     */
    default void invalidate() {
    }

    /** Releases what the source holds (HTTP clients, file watches). Idempotent. */
    @Override
    default void close() {
    }
}
