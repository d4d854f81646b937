package io.credpool.aws.internal.auth;

/** One link of the {@link CredentialChain}. */
interface AwsCredentialsSource {

    /** What the source looks at, for the chain's error, e.g. {@code environment variables AWS_ACCESS_KEY_ID, ...}. */
    String description();

    /** The credentials, or why there are none. */
    AwsCredentials load() throws Unavailable;
}
