package io.credpool.aws.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The one {@link HttpClient} the AWS providers share: HTTP/1.1, 2 s connect timeout, daemon
 * threads (so {@code java Script.java} and jshell exit), created on first use.
 */
public final class AwsHttp {

    /** The connect timeout of the shared client. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** The default response timeout of one request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private AwsHttp() {
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
     * Sends {@code request} and reads the body as UTF-8 text. An I/O failure or a timeout becomes an
     * {@link IOException} whose message says which (never the body).
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
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
        if (e instanceof HttpTimeoutException) {
            return e instanceof java.net.http.HttpConnectTimeoutException ? "connect timed out" : "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "could not connect";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
