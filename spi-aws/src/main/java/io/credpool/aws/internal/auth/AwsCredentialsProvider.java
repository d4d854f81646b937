package io.credpool.aws.internal.auth;

import io.credpool.CredentialException;

/** Where the AWS providers get the keys they sign with. */
public interface AwsCredentialsProvider {

    /**
     * Current credentials; cheap when cached.
     *
     * @throws CredentialException when none can be had, saying what was tried
     */
    AwsCredentials credentials() throws CredentialException;

    /** AWS rejected the current credentials as expired: fetch fresh ones next time. */
    default void invalidate() {
    }

    /** A provider that always answers {@code credentials}. */
    static AwsCredentialsProvider of(AwsCredentials credentials) {
        return new Fixed(credentials);
    }

    /** See {@link #of}. */
    final class Fixed implements AwsCredentialsProvider {
        private final AwsCredentials credentials;

        Fixed(AwsCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public AwsCredentials credentials() {
            return credentials;
        }
    }
}
