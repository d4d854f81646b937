package io.credpool.aws.internal.auth;

import io.credpool.internal.config.Redact;
import java.time.Instant;
import java.util.Objects;

/**
 * An AWS access key pair, with a session token and an expiry when temporary.
 *
 * <p>{@link #toString()} shows the access key id, the source and the expiry; the secret access key
 * and the session token are never shown.
 *
 * @param accessKeyId     the access key id (an identifier, not a secret)
 * @param secretAccessKey the secret access key
 * @param sessionToken    the session token of temporary credentials, or {@code null}
 * @param expiration      when temporary credentials stop working, or {@code null}
 * @param source          where they came from, e.g. {@code environment}, {@code profile default}
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                             String source) {

    /** Requires the key pair. */
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term credentials without a session token. */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, null, null, "static");
    }

    /** Masks the secret access key and the session token. */
    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=" + Redact.MASK
                + (sessionToken == null ? "" : ", sessionToken=" + Redact.MASK)
                + (expiration == null ? "" : ", expiration=" + expiration)
                + ", source=" + source + "]";
    }
}
