package io.credpool.aws.internal.auth;

import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Recorded;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.sign.SignatureCheck;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A local STS: checks that every request is a well-formed {@code AssumeRole} form POST whose SigV4
 * signature the AWS SDK v2 signer reproduces, made within five minutes of the fake's clock
 * (answering {@code 403 SignatureDoesNotMatch} otherwise, as STS does), then plays the scripted answer.
 */
final class FakeSts implements AutoCloseable {

    /** One accepted request: its form and the access key that signed it. */
    record Call(Map<String, String> form, String accessKeyId, String signingRegion) {
    }

    private final FakeServer server = FakeServer.http();
    private final String region;
    private final Supplier<Instant> now;
    private final Map<String, AwsCredentials> keys = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Checks signatures for {@code region} against the time {@code now} gives. */
    FakeSts(String region, Supplier<Instant> now) {
        SignatureCheck.warmUp();
        this.region = region;
        this.now = now;
    }

    /** Accepts signatures made with {@code credentials}. */
    FakeSts accept(AwsCredentials credentials) {
        keys.put(credentials.accessKeyId(), credentials);
        return this;
    }

    URI uri() {
        return server.uri();
    }

    /** Answers the next requests with these replies. */
    FakeSts enqueue(Reply... replies) {
        for (Reply reply : replies) {
            server.enqueue(r -> check(r, reply));
        }
        return this;
    }

    /** Requests that reached the fake, valid or not. */
    int count() {
        return server.count();
    }

    /** The well-formed, well-signed requests, in order. */
    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** What was wrong with requests (empty when every one was well-formed and signed). */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        server.failures().forEach(e -> all.add("handler failed: " + e));
        return all;
    }

    /** A 200 {@code AssumeRole} answer. */
    static Reply credentials(AwsCredentials c, Instant expiration) {
        return Reply.of(200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <AssumeRoleResult>\n"
                + "    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/app/s</Arn></AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + c.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + c.secretAccessKey() + "</SecretAccessKey>\n"
                + "      <SessionToken>" + c.sessionToken().replace("+", "&#43;") + "</SessionToken>\n"
                + "      <Expiration>" + expiration + "</Expiration>\n"
                + "    </Credentials>\n"
                + "  </AssumeRoleResult>\n"
                + "</AssumeRoleResponse>\n");
    }

    /** An STS error answer. */
    static Reply error(int status, String code, String message) {
        return Reply.of(status, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>");
    }

    private Reply check(Recorded r, Reply scripted) {
        String problem = problem(r);
        if (problem != null) {
            problems.add(problem);
            return error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided.");
        }
        Instant signedAt = SignatureCheck.amzDate(r.header("X-Amz-Date"));
        if (Duration.between(signedAt, now.get()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("signed at " + signedAt + ", now " + now.get());
            return error(403, "SignatureDoesNotMatch", "Signature expired");
        }
        String authorization = r.header("Authorization");
        String[] scope = authorization.substring(authorization.indexOf('=') + 1, authorization.indexOf(',')).split("/");
        calls.add(new Call(form(r.bodyText()), scope[0], scope[2]));
        return scripted;
    }

    private String problem(Recorded r) {
        if (!r.method().equals("POST") || !r.rawPath().equals("/") || r.rawQuery() != null) {
            return "not POST /: " + r.method() + " " + r.rawPath();
        }
        if (!"application/x-www-form-urlencoded; charset=utf-8".equals(r.header("Content-Type"))) {
            return "Content-Type is " + r.header("Content-Type");
        }
        Map<String, String> form = form(r.bodyText());
        if (!"AssumeRole".equals(form.get("Action")) || !"2011-06-15".equals(form.get("Version"))
                || form.get("RoleArn") == null || form.get("RoleSessionName") == null) {
            return "not an AssumeRole form: " + form.keySet();
        }
        return SignatureCheck.problem(r, server.uri(), keys, region, "sts");
    }

    /** A decoded form body. */
    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : body.split("&")) {
            int eq = part.indexOf('=');
            out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
