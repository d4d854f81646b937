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
 * rejects a login the pool calls {@link #invalidate(Credentials)} with the credentials it refused
 * and asks again: a rotated password then costs one failed login, not a failed borrow.
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
     * Drop any cache, so that the next {@link #credentials()} fetches fresh credentials: for a
     * caller that cannot say which credentials failed (the pool says, through
     * {@link #invalidate(Credentials)}). Must not block.
     */
    default void invalidate() {
    }

    /**
     * The database refused a login with {@code rejected}, which this source handed out. A source
     * that still holds them drops them, so that the next {@link #credentials()} fetches fresh
     * ones; a source that has moved on since (many connections fail at once after a rotation,
     * each with the old password) keeps what it holds, rather than guess from timing. Rate-limit
     * the fetches this causes: a password that is simply wrong is refused on every attempt.
     * Must not block. The default calls {@link #invalidate()}.
     *
     * @param rejected the credentials of the refused login, as {@link #credentials()} returned them
     */
    default void invalidate(Credentials rejected) {
        invalidate();
    }

    /**
     * Where {@code refused} came from, for the message borrowers get when the database refused
     * them even after {@link #invalidate(Credentials)} and a fresh {@link #credentials()}: the one
     * thing an operator needs besides user, target and provider name (which the pool names
     * itself) to find what to fix, e.g. {@code secret 'prod/db': the database refused AWSCURRENT
     * and AWSPENDING} or {@code file /run/secrets/db}. The pool puts it in parentheses after the
     * provider's name. Never a password, token or any other secret value: the pool masks the
     * passwords it knows in it, but not what it does not know. Must not block. The default,
     * {@code null}, adds nothing.
     *
     * @param refused the credentials of the refused login, as {@link #credentials()} returned them
     */
    default String describe(Credentials refused) {
        return null;
    }

    /**
     * Forget every secret held: cached credentials, tokens, and the keys used to fetch them,
     * because the process is about to be checkpointed (CRaC, AWS Lambda SnapStart) and may be
     * restored many times, much later. Nothing fetched before this call may be handed out after
     * it, not even as the fallback of a failed refresh: the next {@link #credentials()} fetches
     * anew. {@code ConnectionPool.suspend()} calls it. Must not block. The default calls
     * {@link #invalidate()}, for a source written before this method.
     */
    default void forget() {
        invalidate();
    }

    /** Releases what the source holds (HTTP clients, file watches). Idempotent. */
    @Override
    default void close() {
    }
}
