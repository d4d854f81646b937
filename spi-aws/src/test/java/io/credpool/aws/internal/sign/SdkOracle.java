package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * An independent SigV4 implementation for tests: the AWS SDK for Java v2 signer (test scope only).
 */
public final class SdkOracle {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkOracle() {
    }

    /**
     * The {@code Authorization} header the SDK computes for a request.
     *
     * @param uri     the full URI, query included (host and port give the {@code Host} header)
     * @param headers headers to sign besides {@code host}, {@code x-amz-date} and the session token
     */
    public static String authorization(String method, URI uri, List<Param> headers, byte[] body,
                                       AwsCredentials credentials, Instant time, String region, String service) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        for (Param h : headers) {
            request.appendHeader(h.name(), h.value());
        }
        AwsCredentialsIdentity identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }

    /** The query string the SDK presigns for a request (signature included). */
    public static String presignedQuery(String method, URI uri, AwsCredentials credentials, Instant time,
                                        String region, String service, long expiresSeconds) {
        AwsCredentialsIdentity identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, java.time.Duration.ofSeconds(expiresSeconds))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC)));
        return signed.request().getUri().getRawQuery();
    }
}
