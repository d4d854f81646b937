package io.credpool.aws.internal.auth;

import java.time.Instant;

/**
 * What STS answers over its Query protocol (XML): the temporary credentials of a 200, or the
 * error of anything else. Shared by {@code AssumeRoleWithWebIdentity} and {@code AssumeRole}.
 */
final class StsAnswer {

    /** AWS's error messages are shown up to this length. */
    private static final int MAX_MESSAGE = 300;

    private StsAnswer() {
    }

    /**
     * The {@code Credentials} element of a 200 answer.
     *
     * @param what   the call, for the message when the answer lacks a field
     * @param source where the credentials came from, for {@link AwsCredentials#source()}
     */
    static AwsCredentials credentials(String xml, String what, String source) throws Unavailable {
        String accessKeyId = Xml.text(xml, "AccessKeyId");
        String secret = Xml.text(xml, "SecretAccessKey");
        String sessionToken = Xml.text(xml, "SessionToken");
        Instant expiration = Times.parse(Xml.text(xml, "Expiration"));
        if (accessKeyId == null || secret == null || sessionToken == null || expiration == null) {
            throw Unavailable.failed(what + ": the answer lacks AccessKeyId, SecretAccessKey, SessionToken or Expiration");
        }
        return new AwsCredentials(accessKeyId, secret, sessionToken, expiration, source);
    }

    /**
     * The error of an answer other than 200: {@code <ErrorResponse><Error><Code>..</Code><Message>..}.
     *
     * @param status  the HTTP status
     * @param code    the error code, or {@code null}
     * @param message AWS's message (shortened), or {@code null}
     */
    record Error(int status, String code, String message) {

        static Error of(int status, String xml) {
            String message = Xml.text(xml, "Message");
            if (message != null && message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "...";
            }
            return new Error(status, Xml.text(xml, "Code"), message);
        }

        /** Throttling and server errors: asking again may help. */
        boolean retryable() {
            return status >= 500 || status == 429 || "Throttling".equals(code) || "IDPCommunicationError".equals(code);
        }

        /** {@code HTTP 403 AccessDenied: message}. */
        @Override
        public String toString() {
            return "HTTP " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
        }
    }
}
