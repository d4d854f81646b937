package io.credpool;

import java.sql.SQLException;

/**
 * Credentials could not be retrieved: the secret store refused, was unreachable, or returned a
 * document that cannot be used. Being an {@link SQLException}, it reaches callers of
 * {@code getConnection()} like any other connect-time failure.
 *
 * <p>The message says what to fix (a missing permission, a wrong secret id) and never contains
 * a secret value.
 */
public class CredentialException extends SQLException {
    private static final long serialVersionUID = 1L;

    /** A retrieval failure with a message that says what to fix. */
    public CredentialException(String message) {
        super(message, "08001");
    }

    /** A retrieval failure caused by another failure whose message holds no secret. */
    public CredentialException(String message, Throwable cause) {
        super(message, "08001", cause);
    }
}
