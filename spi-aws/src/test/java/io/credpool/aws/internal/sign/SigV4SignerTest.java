package io.credpool.aws.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import io.credpool.aws.internal.sign.SigV4Signer.Option;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signer against published expectations, inlined here so that they run without the shared
 * suites: cases from botocore's aws4_testsuite (2015 edition), aws-c-auth's v4 suite (header and
 * query signing) and the RDS token vectors of botocore and the AWS SDK for Java v2. Then against
 * the SDK v2 signer on generated requests.
 */
class SigV4SignerTest {

    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final AwsCredentials SUITE = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static final String STS_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQ"
            + "WLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZam"
            + "pKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbq"
            + "BAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static SigV4Signature sign(String rawRequest) {
        return sign(rawRequest, SUITE);
    }

    private static SigV4Signature sign(String rawRequest, AwsCredentials credentials, Option... options) {
        RawRequest raw = RawRequest.parse(rawRequest);
        return new SigV4Signer("service", "us-east-1").sign(raw.toSigV4(raw.payloadHash()), credentials, TIME,
                options);
    }

    private static String authz(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    private static String sts(String canonicalRequestHash) {
        return "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" + canonicalRequestHash;
    }

    /** botocore get-vanilla: the whole chain, canonical request to Authorization. */
    @Test
    void getVanilla() {
        SigV4Signature s = sign("GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z");
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + Crypto.EMPTY_SHA256, s.canonicalRequest());
        assertEquals(sts("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"), s.stringToSign());
        assertEquals(authz("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                s.header("Authorization"));
        assertEquals("20150830T123600Z", s.header("X-Amz-Date"));
    }

    /** botocore get-vanilla-with-session-token: the request lacks the token header; the signer adds and signs it. */
    @Test
    void sessionTokenIsAddedAndSigned() {
        String token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        SigV4Signature s = sign("GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
                new AwsCredentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), token, null, "test"));
        assertTrue(s.canonicalRequest().contains("\nx-amz-security-token:" + token + "\n"));
        assertEquals(sts("067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b"), s.stringToSign());
        assertEquals(authz("host;x-amz-date;x-amz-security-token",
                "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"), s.header("Authorization"));
        assertEquals(token, s.header("X-Amz-Security-Token"));
    }

    /** botocore post-sts-header-before and post-sts-header-after: the token signed, or added after signing. */
    @Test
    void stsTokenBeforeAndAfterSigning() {
        AwsCredentials temporary = new AwsCredentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), STS_TOKEN, null, "t");
        String request = "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z";
        SigV4Signature before = sign(request, temporary);
        assertEquals(authz("host;x-amz-date;x-amz-security-token",
                "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"), before.header("Authorization"));
        SigV4Signature after = sign(request, temporary, Option.UNSIGNED_SESSION_TOKEN);
        assertEquals(sts("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87"), after.stringToSign());
        assertEquals(authz("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
                after.header("Authorization"));
        assertEquals(STS_TOKEN, after.header("X-Amz-Security-Token"));
        assertFalse(after.canonicalRequest().contains(STS_TOKEN));
    }

    /** botocore get-header-value-trim, -multiline and -key-duplicate: value trimming and joining. */
    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        SigV4Signature trim = sign("GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\n"
                + "My-Header2: \"a   b   c\"\nX-Amz-Date:20150830T123600Z");
        assertTrue(trim.canonicalRequest().contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n"));
        assertEquals(authz("host;my-header1;my-header2;x-amz-date",
                "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"), trim.header("Authorization"));

        SigV4Signature multiline = sign("GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n"
                + "     value3\nX-Amz-Date:20150830T123600Z");
        assertTrue(multiline.canonicalRequest().contains("\nmy-header1:value1 value2 value3\n"));
        assertEquals(authz("host;my-header1;x-amz-date",
                "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd"), multiline.header("Authorization"));

        SigV4Signature duplicate = sign("GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\n"
                + "My-Header1:value2\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z");
        assertTrue(duplicate.canonicalRequest().contains("\nmy-header1:value2,value2,value1\n"));
        assertEquals(authz("host;my-header1;x-amz-date",
                "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"), duplicate.header("Authorization"));
    }

    /** botocore get-vanilla-query-order-key and -order-encoded: sorted by encoded name, then value. */
    @Test
    void queryIsEncodedAndSorted() {
        SigV4Signature byValue = sign("GET /?Param1=value2&Param1=Value1 HTTP/1.1\nHost:example.amazonaws.com\n"
                + "X-Amz-Date:20150830T123600Z");
        assertTrue(byValue.canonicalRequest().startsWith("GET\n/\nParam1=Value1&Param1=value2\n"));
        assertEquals(authz("host;x-amz-date", "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
                byValue.header("Authorization"));

        SigV4Signature encoded = sign("GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1 HTTP/1.1\n"
                + "Host:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n");
        assertTrue(encoded.canonicalRequest().startsWith("GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n"));
        assertEquals(authz("host;x-amz-date", "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
                encoded.header("Authorization"));

        String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SigV4Signature kept = sign("GET /?" + unreserved + "=" + unreserved + " HTTP/1.1\n"
                + "Host:example.amazonaws.com\nX-Amz-Date:20150830T123600Z");
        assertEquals(authz("host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
                kept.header("Authorization"));
    }

    /** botocore get-utf8 and normalize-path/*: path encoding and normalisation for non-S3 services. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/\u1234             | /%E1%88%B4        | 8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
        "//example//         | /example/         | 9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84",
        "/example1/example2/../.. | /            | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "'/example space/'   | /example%20space/ | 652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741",
    })
    void pathIsNormalizedAndEncoded(String path, String canonicalPath, String signature) {
        SigV4Signature s = sign("GET " + path + " HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z");
        assertTrue(s.canonicalRequest().startsWith("GET\n" + canonicalPath + "\n\n"), s.canonicalRequest());
        assertEquals(authz("host;x-amz-date", signature), s.header("Authorization"));
    }

    @ParameterizedTest
    @CsvSource({"/,/", "'',/", "/a/./b/../c,/a/c", "/a/b/,/a/b/", "/../..,/", "//a///b,/a/b", "/a/b/..,/a"})
    void normalizePath(String path, String expected) {
        assertEquals(expected, SigV4Signer.normalizePath(path));
    }

    /** aws-c-auth get-slashes-unnormalized: S3-style signing keeps the path as it is. */
    @Test
    void unnormalizedPathIsKept() {
        RawRequest raw = RawRequest.parse("GET //example// HTTP/1.1\nHost:example.amazonaws.com\n");
        SigV4Signature s = new SigV4Signer("service", "us-east-1")
                .sign(raw.toSigV4(Crypto.EMPTY_SHA256), SUITE, TIME, Option.PATH_AS_IS);
        assertTrue(s.canonicalRequest().startsWith("GET\n//example//\n"));
        assertEquals("87cca117541a147f6df867677d98a7d80dff226d2bfca9e4ffa899665623c7e5", s.signature());
    }

    /** botocore post-x-www-form-urlencoded: the payload hash is the body's. */
    @Test
    void bodyHashIsSigned() {
        SigV4Signature s = sign("POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\n"
                + "Host:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\nParam1=value1");
        assertTrue(s.canonicalRequest().endsWith("\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
        assertEquals(authz("content-type;host;x-amz-date",
                "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"), s.header("Authorization"));
    }

    /** aws-c-auth post-x-www-form-urlencoded, header signing with x-amz-content-sha256. */
    @Test
    void contentSha256HeaderIsAddedAndSigned() {
        RawRequest raw = RawRequest.parse("POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\n"
                + "Host:example.amazonaws.com\nContent-Length:13\n\nParam1=value1");
        SigV4Signature s = new SigV4Signer("service", "us-east-1")
                .sign(raw.toSigV4(raw.payloadHash()), SUITE, TIME, Option.CONTENT_SHA256);
        assertEquals("d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b", s.signature());
        assertEquals("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", s.header("x-amz-content-sha256"));
    }

    /** aws-c-auth get-vanilla-with-session-token, query signing: the token is inside the signed query. */
    @Test
    void presignWithSessionToken() {
        String token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        AwsCredentials temporary = new AwsCredentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), token, null, "t");
        RawRequest raw = RawRequest.parse("GET / HTTP/1.1\nHost:example.amazonaws.com\n");
        SigV4Signature s = new SigV4Signer("service", "us-east-1")
                .presign(raw.toSigV4(Crypto.EMPTY_SHA256), temporary, TIME, 3600);
        assertEquals("GET\n/\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1"
                + "%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-Security-Token="
                + token + "&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\n" + Crypto.EMPTY_SHA256,
                s.canonicalRequest());
        assertEquals("7ff2b50b376cb4d151970630573d6291dc128cc5c2a12ffb237f73cc53f67b6c", s.signature());
        assertTrue(s.query().endsWith("&X-Amz-Signature=" + s.signature()));
        assertTrue(s.headers().isEmpty());
    }

    /** aws-c-auth post-x-www-form-urlencoded and get-vanilla-query-order-encoded, query signing. */
    @Test
    void presignSignsEveryHeaderAndKeepsTheQuery() {
        RawRequest form = RawRequest.parse("POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\n"
                + "Host:example.amazonaws.com\nContent-Length:13\n\nParam1=value1");
        SigV4Signature s = new SigV4Signer("service", "us-east-1").presign(form.toSigV4(form.payloadHash()), SUITE,
                TIME, 3600);
        assertTrue(s.query().contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost"));
        assertEquals("89a40deed0f26f9461242825a082d2222717248abc7ab41f552ad84a94ad46e9", s.signature());

        RawRequest encoded = RawRequest.parse("GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1 HTTP/1.1\n"
                + "Host:example.amazonaws.com\n");
        SigV4Signature e = new SigV4Signer("service", "us-east-1").presign(encoded.toSigV4(Crypto.EMPTY_SHA256), SUITE,
                TIME, 3600);
        assertTrue(e.query().startsWith("%E1%88%B4=Value1&Param=Value2&Param-3=Value3&X-Amz-Algorithm="));
        assertEquals("c5f1848ceec943ac2ca68ee720460c23aaae30a2300586597ada94c4a65e4787", e.signature());
    }

    /** The RDS token vectors of botocore and the SDK for Java v2 (compared as parameter sets). */
    @ParameterizedTest
    @CsvSource({
        "akid,skid,prod-instance.us-east-1.rds.amazonaws.com,someusername,"
                + "d1138cdbc0ca63eec012ec0fc6c2267e03642168f5884a7795320d4c18374c61",
        "access_key,secret_key,host.us-east-1.amazonaws.com,mySQLUser,"
                + "87ab58107ef49f1c311a412f98b7f976b0b5152ffb559f0d36c6c9a0c5e0e362",
    })
    void rdsAuthToken(String akid, String secret, String host, String user, String signature) {
        String token = RdsAuthToken.generate(new SigV4Signer("rds-db", "us-east-1"), host, 3306, user,
                AwsCredentials.of(akid, secret), Instant.parse("2016-11-07T17:39:33Z"));
        assertTrue(token.startsWith(host + ":3306/?"), token);
        Set<Param> expected = Set.of(new Param("Action", "connect"), new Param("DBUser", user),
                new Param("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), new Param("X-Amz-Date", "20161107T173933Z"),
                new Param("X-Amz-SignedHeaders", "host"), new Param("X-Amz-Expires", "900"),
                new Param("X-Amz-Credential", akid + "/20161107/us-east-1/rds-db/aws4_request"),
                new Param("X-Amz-Signature", signature));
        assertEquals(expected, new HashSet<>(RawRequest.parseQuery(token.substring(token.indexOf('?') + 1))));
    }

    @Test
    void rdsTokenNeedsTheRdsDbService() {
        assertThrows(IllegalArgumentException.class, () -> RdsAuthToken.generate(new SigV4Signer("rds", "us-east-1"),
                "h", 5432, "u", SUITE, TIME));
    }

    @Test
    void presignRejectsExpiryOutOfRange() {
        SigV4Request r = new SigV4Request("GET", "/", List.of(), List.of(new Param("host", "h")), Crypto.EMPTY_SHA256);
        SigV4Signer signer = new SigV4Signer("service", "us-east-1");
        assertThrows(IllegalArgumentException.class, () -> signer.presign(r, SUITE, TIME, 0));
        assertThrows(IllegalArgumentException.class, () -> signer.presign(r, SUITE, TIME, 604_801));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> signer.presign(r, SUITE, TIME, 900, Option.CONTENT_SHA256));
        assertEquals("CONTENT_SHA256 applies to header signing only", e.getMessage());
    }

    @Test
    void amzDate() {
        assertEquals("20150830T123600Z", SigV4Signer.amzDate(TIME));
        assertEquals("19991231T235959Z", SigV4Signer.amzDate(Instant.parse("1999-12-31T23:59:59.999Z")));
        assertEquals("20240229T000102Z", SigV4Signer.amzDate(Instant.parse("2024-02-29T00:01:02Z")));
    }

    @Test
    void uriEncoding() {
        assertEquals("a%20b%2Fc%2B%3D%26~", UriEncoding.encode("a b/c+=&~"));
        assertEquals("/a%20b/c%25", UriEncoding.encodePath("/a b/c%"));
        assertEquals("%C3%A9%F0%9F%98%80", UriEncoding.encode("\u00e9\ud83d\ude00"));
    }

    @Test
    void hashesAndHmac() {
        assertEquals(Crypto.EMPTY_SHA256, Crypto.sha256Hex(new byte[0]));
        // RFC 4231 test case 2.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Crypto.hex(Crypto.hmac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?")));
    }

    @Test
    void signatureToStringHidesTheCanonicalRequest() {
        AwsCredentials temporary = new AwsCredentials("AKID", "SECRETKEY", "SESSIONTOKEN", null, "t");
        SigV4Signature s = new SigV4Signer("service", "us-east-1").sign(new SigV4Request("GET", "/", List.of(),
                List.of(new Param("Host", "h")), Crypto.EMPTY_SHA256), temporary, TIME);
        assertFalse(s.toString().contains("SESSIONTOKEN"));
        assertFalse(temporary.toString().contains("SESSIONTOKEN"));
        assertFalse(temporary.toString().contains("SECRETKEY"));
        assertNull(s.query());
    }

    /**
     * Generated requests, signed by this signer and by the AWS SDK for Java v2: same Authorization.
     * (The SDK always adds and signs {@code x-amz-content-sha256}; so do we here.)
     */
    @Test
    void agreesWithTheSdkSigner() {
        Random random = new Random(42);
        String[] paths = {"/", "/a/b", "/a b/c", "/x/./y/../z", "//double//slash", "/%41", "/\u00e9t\u00e9"};
        String[] values = {"v", "a b", "a+b", "x/y", "=&", "\u00fc", "", "~._-"};
        for (int i = 0; i < 200; i++) {
            String path = paths[random.nextInt(paths.length)];
            List<Param> query = new ArrayList<>();
            StringBuilder rawQuery = new StringBuilder();
            for (int q = random.nextInt(4); q > 0; q--) {
                String name = "p" + random.nextInt(3);
                String value = values[random.nextInt(values.length)];
                query.add(new Param(name, value));
                rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(name).append('=')
                        .append(UriEncoding.encode(value));
            }
            List<Param> headers = new ArrayList<>();
            headers.add(new Param("X-Amz-Target", "secretsmanager.GetSecretValue"));
            headers.add(new Param("Content-Type", "application/x-amz-json-1.1"));
            if (random.nextBoolean()) {
                headers.add(new Param("X-Custom", "  spaced   out  "));
            }
            byte[] body = ("{\"SecretId\":\"s" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            AwsCredentials credentials = random.nextBoolean() ? AwsCredentials.of("AKID" + i, "secret/" + i)
                    : new AwsCredentials("ASIA" + i, "secret+" + i, "token/" + i + "==", null, "test");
            Instant time = TIME.plusSeconds(random.nextInt(1_000_000_000));
            String host = "secretsmanager.eu-west-1.amazonaws.com";
            String uriPath = UriEncoding.encodePath(path).replace("%25", "%");
            URI uri = URI.create("https://" + host + uriPath + (rawQuery.length() == 0 ? "" : "?" + rawQuery));

            List<Param> signed = new ArrayList<>(headers);
            signed.add(new Param("Host", host));
            SigV4Signature ours = new SigV4Signer("secretsmanager", "eu-west-1").sign(
                    new SigV4Request("POST", uri.getRawPath(), query, signed, Crypto.sha256Hex(body)), credentials, time,
                    Option.CONTENT_SHA256);
            String sdk = SdkOracle.authorization("POST", uri, headers, body, credentials, time, "eu-west-1",
                    "secretsmanager");
            assertEquals(sdk, ours.header("Authorization"), "request " + i + " " + uri);
        }
    }

    /** RDS tokens presigned by the SDK v2 signer agree with ours. */
    @Test
    void rdsTokenAgreesWithTheSdkPresigner() {
        AwsCredentials temporary = new AwsCredentials("ASIAEXAMPLE", "secret", "tok/en+==", null, "test");
        Instant time = Instant.parse("2024-05-01T10:20:30Z");
        String token = RdsAuthToken.generate(new SigV4Signer("rds-db", "eu-central-1"), "db.example", 5432, "iam_user",
                temporary, time);
        String sdk = SdkOracle.presignedQuery("GET",
                URI.create("https://db.example:5432/?Action=connect&DBUser=iam_user"), temporary, time,
                "eu-central-1", "rds-db", 900);
        assertEquals(new HashSet<>(RawRequest.parseQuery(sdk)),
                new HashSet<>(RawRequest.parseQuery(token.substring(token.indexOf('?') + 1))));
    }

    @Test
    void signingKeyIsTheDerivedKeyOfTheDay() {
        // Published example of a derived key: secret of the suites, 20120215, us-east-1, iam.
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
                Crypto.hex(SigV4Signer.deriveKey(SUITE.secretAccessKey(), "20120215", "us-east-1", "iam")));
        // One signer across days and secret keys signs as a fresh signer does: the cached key never goes stale.
        SigV4Signer signer = new SigV4Signer("iam", "us-east-1");
        SigV4Request r = new SigV4Request("GET", "/", List.of(), List.of(new Param("host", "h")), Crypto.EMPTY_SHA256);
        AwsCredentials rotated = AwsCredentials.of(SUITE.accessKeyId(), "another/secret");
        for (Instant when : List.of(TIME, TIME, TIME.plusSeconds(86_400), Instant.parse("2012-02-15T00:00:00Z"))) {
            for (AwsCredentials keys : List.of(SUITE, rotated)) {
                assertEquals(new SigV4Signer("iam", "us-east-1").sign(r, keys, when).signature(),
                        signer.sign(r, keys, when).signature(), when + " " + keys.secretAccessKey().length());
            }
        }
    }
}
