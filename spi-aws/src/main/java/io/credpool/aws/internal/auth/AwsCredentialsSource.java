package io.credpool.aws.internal.auth;

import io.credpool.CredentialException;

/**
 * The live supplier of the AWS keys that requests are signed with, as {@link io.credpool.spi.CredentialSource}
 * is of database credentials: cached inside, cheap to ask. {@link CredentialChain} is the real one.
 */
@FunctionalInterface
public interface AwsCredentialsSource {

    /**
     * Current credentials; cheap when cached.
     *
     * @throws CredentialException when none can be had, saying what was tried
     */
    AwsCredentials credentials() throws CredentialException;

    /** AWS rejected the current credentials as expired: fetch fresh ones next time. */
    default void invalidate() {
    }
}
