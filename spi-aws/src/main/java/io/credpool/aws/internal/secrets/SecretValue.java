package io.credpool.aws.internal.secrets;

import io.credpool.internal.config.Redact;

/**
 * One version of a secret as {@code GetSecretValue} returns it. {@link #toString()} never shows
 * the value.
 *
 * @param arn       the secret's ARN
 * @param name      the secret's name
 * @param versionId the version id
 * @param value     {@code SecretString}, or {@code SecretBinary} decoded as UTF-8
 */
public record SecretValue(String arn, String name, String versionId, String value) {

    /** Shows the identity of the secret, never its value. */
    @Override
    public String toString() {
        return "SecretValue[arn=" + arn + ", name=" + name + ", versionId=" + versionId + ", value=" + Redact.MASK + "]";
    }
}
