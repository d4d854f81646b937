/**
 * AWS credential providers for credpool: {@code aws-secrets-manager} and {@code aws-rds-iam}.
 * Talks to AWS over {@code java.net.http} with its own Signature V4 signer; no AWS SDK.
 * Drop this module next to {@code io.credpool} and the providers are found by ServiceLoader.
 */
module io.credpool.aws {
    requires io.credpool;
    requires java.net.http;

    exports io.credpool.aws;

    // Also listed in META-INF/services for the class path.
    provides io.credpool.spi.CredentialProvider with
            io.credpool.aws.internal.provider.SecretsManagerProvider,
            io.credpool.aws.internal.provider.RdsIamProvider;
}
