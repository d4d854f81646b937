package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.time.Instant;
import java.util.List;

/**
 * RDS IAM authentication tokens: a presigned {@code GET https://host:port/?Action=connect&DBUser=user}
 * for the service {@code rds-db}, without its {@code https://} prefix. The token is the database
 * password for 15 minutes.
 */
public final class RdsAuthToken {

    /** How long a token is valid: the most RDS accepts. */
    public static final long EXPIRES_SECONDS = 900;

    private RdsAuthToken() {
    }

    /**
     * Makes a token.
     *
     * @param signer a signer for service {@code rds-db} in the database's region
     */
    public static String generate(SigV4Signer signer, String host, int port, String user, AwsCredentials credentials,
                                  Instant now) {
        if (!"rds-db".equals(signer.service())) {
            throw new IllegalArgumentException("RDS auth tokens are signed for the service rds-db");
        }
        String hostPort = host + ":" + port;
        SigV4Request request = new SigV4Request("GET", "/",
                List.of(new Param("Action", "connect"), new Param("DBUser", user)),
                List.of(new Param("host", hostPort)), Crypto.EMPTY_SHA256);
        return hostPort + "/?" + signer.presign(request, credentials, now, EXPIRES_SECONDS).query();
    }
}
