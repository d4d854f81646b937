/**
 * The public face of the AWS providers: their names, for {@code CREDPOOL_PROVIDER}. Nothing here
 * needs calling; put this module (or JAR) next to {@code io.credpool} and the providers are found.
 *
 * <h2>{@code aws-secrets-manager}</h2>
 * Configured by {@code AWS_SECRET_NAME}, the name or ARN of a secret holding
 * {@code {"host", "port", "username", "password", "dbname"}} (an RDS-managed secret with only
 * {@code username} and {@code password} works too, with host, port and database from a password-less
 * {@code DATABASE_URL}). Region from {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} or the profile;
 * endpoint override {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL}; version stage
 * {@code AWS_SECRET_VERSION_STAGE} (default {@code AWSCURRENT}); cached for {@code AWS_SECRET_TTL}
 * seconds (default 3600) and fetched again when a login fails. Pool defaults {@code connection_limit=5}
 * and {@code pool_timeout=20} unless {@code DATABASE_<KEY>} variables say otherwise.
 *
 * <h2>{@code aws-rds-iam}</h2>
 * Configured by {@code DATABASE_IAM_AUTH=true} with a {@code DATABASE_URL} that names the user but
 * holds no password, and {@code sslmode=require} or stricter. Each new connection logs in with an RDS
 * IAM authentication token signed locally, reused until five minutes before its 15 minutes run out.
 *
 * <h2>AWS credentials</h2>
 * Found as the AWS SDKs find them: system properties {@code aws.accessKeyId} /
 * {@code aws.secretAccessKey}; {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} /
 * {@code AWS_SESSION_TOKEN}; web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN});
 * the shared profile files ({@code AWS_PROFILE}; static keys or {@code credential_process}); container
 * credentials (ECS, EKS Pod Identity); EC2 instance metadata (IMDSv2). Every variable is read from the
 * {@link io.credpool.Environment} the provider is given.
 */
package io.credpool.aws;
