package io.credpool.aws.internal.auth;

/**
 * One link of the {@link CredentialChain}: one place AWS credentials can come from (variables, a
 * profile file, an endpoint), asked afresh on every {@link #load}. The chain, an
 * {@link AwsCredentialsSource}, caches what a link returns.
 */
interface AwsCredentialsLink {

    /** What the link looks at, for the chain's error, e.g. {@code environment variables AWS_ACCESS_KEY_ID, ...}. */
    String description();

    /** The credentials, or why there are none. */
    AwsCredentials load() throws Unavailable;
}
