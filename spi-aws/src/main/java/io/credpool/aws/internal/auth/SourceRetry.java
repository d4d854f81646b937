package io.credpool.aws.internal.auth;

import io.credpool.RetryPolicy;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.internal.retry.Retry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How the chain's HTTP sources retry, on core's {@link Retry}: {@link Unavailable#retryable}
 * failures are tried again, any other is final; an interrupt stops at once with the last failure
 * as the cause.
 */
final class SourceRetry implements Retry.Failures<Unavailable> {

    /** STS and the container endpoint: three attempts, 100 ms and then 200 ms apart. */
    static final Retry ENDPOINT = Retry.on(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofMillis(200), 0.0));

    private final String what;
    private final boolean countAttempts;

    /**
     * @param what          the call, for messages
     * @param countAttempts whether giving up says {@code what failed after N attempts: last},
     *                      else {@code what: last}
     */
    SourceRetry(String what, boolean countAttempts) {
        this.what = what;
        this.countAttempts = countAttempts;
    }

    /** One HTTP exchange of an attempt: an I/O error or timeout is a retryable failure. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Unavailable {
        try {
            return AwsHttp.send(http, request);
        } catch (IOException e) {
            throw Unavailable.retryable(AwsHttp.describe(e), e);
        }
    }

    @Override
    public boolean retryable(Unavailable failure) {
        return failure.retryable;
    }

    @Override
    public Unavailable exhausted(Unavailable last, int attempts) {
        return Unavailable.failed(countAttempts ? what + " failed after " + attempts + " attempts: " + last.getMessage()
                : what + ": " + last.getMessage(), last);
    }

    @Override
    public Unavailable interrupted(Unavailable last) {
        return Unavailable.failed(what + ": interrupted", last);
    }
}
