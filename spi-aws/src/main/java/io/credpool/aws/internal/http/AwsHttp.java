package io.credpool.aws.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The one way the AWS providers talk HTTP: the shared {@link HttpClient} (HTTP/1.1, 2 s connect
 * timeout, no redirects, daemon threads so {@code java Script.java} and jshell exit), and
 * {@link #send} with a deadline on the whole exchange and a cap on the body size, so that a slow or
 * hostile endpoint can neither stall a caller nor fill the heap.
 */
public final class AwsHttp {

    /** The connect timeout of the shared client. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** The default deadline of one exchange, headers and body, when the request sets no timeout. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** The largest body read (Secrets Manager's own limit on a secret is 64 KiB). */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private AwsHttp() {
    }

    /** The answer's body was larger than {@link #MAX_BODY_BYTES}; retrying will not help. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(String message) {
            super(message);
        }
    }

    /** The shared client. */
    public static HttpClient client() {
        return Holder.CLIENT;
    }

    /**
     * A client with the shared client's settings and its own TLS context: for tests against a local
     * HTTPS endpoint with a self-signed certificate.
     */
    public static HttpClient newClient(SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Holder.EXECUTOR);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /**
     * Sends {@code request} and reads the body as UTF-8 text, within the request's timeout (else
     * {@link #REQUEST_TIMEOUT}) for the whole exchange: connecting, headers and every byte of the body.
     *
     * @throws HttpTimeoutException when the deadline passes; the message names the endpoint and the deadline
     * @throws BodyTooLarge         when the body exceeds {@link #MAX_BODY_BYTES}; the message names both
     * @throws IOException          for any other failure (see {@link #describe}); interruption included,
     *                              with the thread's interrupt flag set again
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException {
        Duration deadline = request.timeout().orElse(REQUEST_TIMEOUT);
        String where = display(request.uri());
        CappedBody body = new CappedBody(where);
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(exchange, body);
            throw timedOut(where, deadline);
        } catch (InterruptedException e) {
            abort(exchange, body);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + where, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                // The client's own timer for the request's timeout, which races ours: one message either way.
                abort(exchange, body);
                throw timedOut(where, deadline);
            }
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException("request to " + where + " failed (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    private static HttpTimeoutException timedOut(String where, Duration deadline) {
        return new HttpTimeoutException("no complete answer from " + where + " within " + deadline.toMillis() + " ms");
    }

    private static void abort(CompletableFuture<?> exchange, CappedBody body) {
        body.cancel();
        exchange.cancel(true);
    }

    /** {@code uri} for messages: scheme, host, port and path; never user information, query or fragment. */
    public static String display(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":(no host)";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + hostHeader(uri) + path;
    }

    /** {@code host:port} or {@code host}, as the client sends it in the {@code Host} header. */
    public static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URI without a host");
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (port == -1 || (https && port == 443) || (!https && port == 80)) {
            return host;
        }
        return host + ":" + port;
    }

    /** Why a request failed, for messages: the exception's kind, and its message when it is safe. */
    public static String describe(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException || e instanceof BodyTooLarge) {
            return e.getMessage() == null ? "timed out" : e.getMessage();
        }
        if (e instanceof java.net.ConnectException) {
            return "could not connect";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Collects the body up to {@link #MAX_BODY_BYTES}, then gives up and drops the connection. Its
     * own body handler (one exchange, one subscriber), rather than a lambda that returns it: one
     * generated class fewer on the cold path.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String>,
            HttpResponse.BodyHandler<String> {
        private final String where;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        CappedBody(String where) {
            this.where = where;
        }

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            return this;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge("the answer from " + where + " is larger than "
                            + MAX_BODY_BYTES / (1024 * 1024) + " MiB (" + MAX_BODY_BYTES + " bytes)"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }

        /** Stops reading: the client closes the connection. */
        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private static final class Holder {
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(new DaemonThreads());
        static final HttpClient CLIENT = newClient(null);
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "credpool-aws-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
