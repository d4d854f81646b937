package coldstart.reference;

import java.nio.charset.StandardCharsets;

/**
 * The GetSecretValue request of the reference transports: the headers and body a real client sends,
 * with a fixed, unverified signature (the fake endpoint checks the shape, not the signature). No
 * signing, no JSON: what is left is the JDK's own cost of one HTTPS POST.
 */
final class Request {

    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String DATE = "20250101T000000Z";

    private Request() {
    }

    static String endpoint() {
        return System.getenv("AWS_ENDPOINT_URL_SECRETS_MANAGER");
    }

    static byte[] body() {
        return ("{\"SecretId\":\"" + System.getenv("AWS_SECRET_NAME") + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static String authorization() {
        return "AWS4-HMAC-SHA256 Credential=" + System.getenv("AWS_ACCESS_KEY_ID")
                + "/20250101/us-east-1/secretsmanager/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                + "x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";
    }

    static boolean holdsSecret(int status, String body) {
        return status == 200 && body.contains("bench_user");
    }
}
