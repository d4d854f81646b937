package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.http.FakeServer.Recorded;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a local AWS fake checks of a request's SigV4 header signature, as AWS does: the payload
 * hash, a known access key, the scope's region and service, the session token, the {@code Host},
 * and a signature the AWS SDK v2 signer ({@link SdkOracle}) reproduces from the signed headers.
 */
public final class SignatureCheck {

    private static final String PREFIX = "AWS4-HMAC-SHA256 Credential=";

    static {
        // Load the SDK signer before the first request: its first use takes long enough to trip client timeouts.
        SdkOracle.authorization("POST", URI.create("https://example.com/"), List.of(), new byte[0],
                AwsCredentials.of("AKID", "secret"), Instant.now(), "us-east-1", "sts");
    }

    private SignatureCheck() {
    }

    /** Loads the SDK signer now (fakes call this when they start), not during the first request. */
    public static void warmUp() {
        // the static initializer did the work
    }

    /**
     * What is wrong with the signature of {@code r}, or {@code null} when AWS would accept it.
     *
     * @param server the fake's own URI (its authority is the expected {@code Host})
     * @param keys   the credentials the fake knows, by access key id
     */
    public static String problem(Recorded r, URI server, Map<String, AwsCredentials> keys, String region,
                                 String service) {
        if (!Crypto.sha256Hex(r.body()).equals(r.header("x-amz-content-sha256"))) {
            return "x-amz-content-sha256 does not match the body";
        }
        String authorization = r.header("Authorization");
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            return "no SigV4 Authorization header";
        }
        String credential = authorization.substring(PREFIX.length(), authorization.indexOf(','));
        String[] scope = credential.split("/");
        AwsCredentials known = keys.get(scope[0]);
        if (known == null) {
            return "unknown access key " + scope[0];
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return "scope " + credential;
        }
        if (known.sessionToken() != null && !known.sessionToken().equals(r.header("X-Amz-Security-Token"))) {
            return "session token missing or wrong";
        }
        String signedHeaders = authorization.substring(authorization.indexOf("SignedHeaders=") + 14,
                authorization.indexOf(", Signature="));
        List<Param> headers = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!List.of("host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256").contains(name)) {
                headers.add(new Param(name, r.header(name)));
            }
        }
        if (!r.header("Host").equals(server.getAuthority())) {
            return "Host " + r.header("Host");
        }
        String expected = SdkOracle.authorization(r.method(), server.resolve(r.rawPath()), headers, r.body(), known,
                amzDate(r.header("X-Amz-Date")), region, service);
        return expected.equals(authorization) ? null : "signature differs from the SDK's: " + authorization
                + " vs " + expected;
    }

    /** The time in an {@code X-Amz-Date} header. */
    public static Instant amzDate(String value) {
        return Instant.parse(value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6, 8) + "T"
                + value.substring(9, 11) + ":" + value.substring(11, 13) + ":" + value.substring(13, 15) + "Z");
    }
}
