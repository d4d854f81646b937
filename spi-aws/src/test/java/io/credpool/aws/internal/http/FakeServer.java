package io.credpool.aws.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scriptable HTTP(S) endpoint on loopback for tests: records every request and answers from a
 * queue of scripted replies, then from a fallback handler.
 */
public final class FakeServer implements AutoCloseable {

    /** A request as the server saw it. */
    public record Recorded(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                           byte[] body) {

        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer; a negative status closes the connection without answering. */
    public record Reply(int status, Map<String, String> headers, byte[] body, Duration delay) {

        /** {@code status} with a text body. */
        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        /** {@code status} with a JSON body of the given content type. */
        public static Reply json(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO);
        }

        /** The same reply, with a header more. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, delay);
        }

        /** The same reply after {@code delay}. */
        public Reply after(Duration delay) {
            return new Reply(status, headers, body, delay);
        }

        /** Drops the connection instead of answering. */
        public static Reply hangUp() {
            return new Reply(-1, Map.of(), new byte[0], Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-aws-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Function<Recorded, Reply>> script = new ConcurrentLinkedQueue<>();
    private volatile Function<Recorded, Reply> fallback = r -> Reply.of(500, "no scripted reply");
    private final String scheme;
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    private FakeServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plain HTTP server on 127.0.0.1 and a free port. */
    public static FakeServer http() {
        try {
            return new FakeServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server on 127.0.0.1 with the certificate of {@code tls}. */
    public static FakeServer https(SelfSignedTls tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            return new FakeServer(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http(s)://127.0.0.1:port/}. */
    public URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Answers the next requests with these replies, in order. */
    public FakeServer enqueue(Reply... replies) {
        for (Reply r : replies) {
            script.add(request -> r);
        }
        return this;
    }

    /** Answers the next request with {@code handler}. */
    public FakeServer enqueue(Function<Recorded, Reply> handler) {
        script.add(handler);
        return this;
    }

    /** Answers requests with {@code handler} once the queue is empty. */
    public FakeServer otherwise(Function<Recorded, Reply> handler) {
        this.fallback = handler;
        return this;
    }

    /** Every request so far. */
    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    /** Exceptions thrown by handlers (bugs in a test's script). */
    public List<RuntimeException> failures() {
        return new ArrayList<>(failures);
    }

    /** How many requests so far. */
    public int count() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            requests.add(recorded);
            Function<Recorded, Reply> next = script.poll();
            Reply reply = (next != null ? next : fallback).apply(recorded);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            if (reply.status() < 0) {
                return; // closing the exchange without a response drops the connection
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (timeouts): nothing to answer
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
