package io.credpool.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.credpool.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A tiny JSON API on the JDK's {@link HttpServer}: {@code GET /users} lists the users.
 *
 * <p>Run it with {@code main}: it listens on {@code PORT} (default 8080) and serves from
 * {@link Database#shared()}, which a shutdown hook closes on Ctrl-C. Or embed it with
 * {@link #start(DataSource, InetSocketAddress)} over any pool.
 *
 * <p>A database failure answers {@code 503} with a generic message; the details go to the log,
 * never to the client.
 */
public final class UsersApi implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.credpool.examples");

    private final HttpServer server;
    private final ExecutorService executor;

    private UsersApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code GET /users} from {@code dataSource} on {@code address} (port 0 picks a free one). */
    public static UsersApi start(DataSource dataSource, InetSocketAddress address) throws IOException {
        UserRepository users = new UserRepository(Objects.requireNonNull(dataSource, "dataSource"));
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "users-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/users", exchange -> {
            try (exchange) {
                respond(exchange, users);
            }
        });
        server.start();
        return new UsersApi(server, executor);
    }

    private static void respond(HttpExchange exchange, UserRepository users) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/users")) {
            send(exchange, 404, Json.error("not found"));
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, Json.error("method not allowed"));
            return;
        }
        String json;
        try {
            json = Json.users(users.findAll());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "GET /users failed: " + e.getMessage());
            send(exchange, 503, Json.error("database unavailable"));
            return;
        }
        send(exchange, 200, json);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code http://host:port/users}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/users");
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves the shared pool on {@code PORT} (default 8080) until the JVM is stopped. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        UsersApi api = start(Database.shared(), new InetSocketAddress("127.0.0.1", port));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "users-api-stop"));
        System.out.println("Listening on " + api.uri());
        Thread.currentThread().join(); // until Ctrl-C; the shared pool's own hook closes it
    }
}
