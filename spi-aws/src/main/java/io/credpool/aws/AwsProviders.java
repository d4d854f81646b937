package io.credpool.aws;

/**
 * The names of the credential providers this module contributes, for {@code CREDPOOL_PROVIDER}.
 */
public final class AwsProviders {

    /** Reads the database secret from AWS Secrets Manager; configured by {@code AWS_SECRET_NAME}. */
    public static final String SECRETS_MANAGER = "aws-secrets-manager";

    /** Logs in with RDS IAM auth tokens; configured by {@code DATABASE_IAM_AUTH=true}. */
    public static final String RDS_IAM = "aws-rds-iam";

    private AwsProviders() {
    }
}
