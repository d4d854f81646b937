package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /users} answers JSON from the pool: embedded in a test, and as the README runs it. */
class UsersApiTest {

    private static final String EXPECTED = "[{\"id\":1,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},"
            + "{\"id\":2,\"name\":\"Grace \\\"Amazing\\\" Hopper\",\"email\":\"grace@example.com\"}]";

    private static TestDb db;
    private static ConnectionPool pool;

    @BeforeAll
    static void seed() throws Exception {
        db = TestDb.create("api");
        pool = Database.open(db.url() + "?connection_limit=2");
        UserRepository users = new UserRepository(pool);
        users.createTable();
        users.create("Ada Lovelace", "ada@example.com");
        users.create("Grace \"Amazing\" Hopper", "grace@example.com");
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private record Response(int status, String contentType, String body) {
    }

    private static Response request(String method, URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Response(status, c.getContentType(), body);
    }

    @Test
    void getUsersAnswersJsonFromThePool() throws Exception {
        try (UsersApi api = UsersApi.start(pool, new InetSocketAddress("127.0.0.1", 0))) {
            Response r = request("GET", api.uri());
            assertEquals(200, r.status());
            assertEquals("application/json; charset=utf-8", r.contentType());
            assertEquals(EXPECTED, r.body());
            assertEquals(405, request("POST", api.uri()).status());
            assertEquals(404, request("GET", api.uri().resolve("/users/1/friends")).status());
        }
        assertEquals(0, pool.stats().active(), "every connection was given back");
    }

    @Test
    void aDatabaseFailureIsA503WithoutDetails() throws Exception {
        ConnectionPool closed = Database.open(db.url());
        closed.close();
        try (UsersApi api = UsersApi.start(closed, new InetSocketAddress("127.0.0.1", 0))) {
            Response r = request("GET", api.uri());
            assertEquals(503, r.status());
            assertEquals("{\"error\":\"database unavailable\"}", r.body());
        }
    }

    @Test
    void theReadmeCommandServesTheSharedPool() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = Shell.start(Readme.command("io.credpool.examples.UsersApi"),
                Map.of("DATABASE_URL", db.url(), "PORT", Integer.toString(port)));
        StringBuilder output = new StringBuilder();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String listening = "Listening on http://127.0.0.1:" + port + "/users";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.equals(listening) || System.nanoTime() > deadline) {
                    break;
                }
            }
            assertTrue(output.toString().contains(listening), output::toString);
            Response r = request("GET", URI.create("http://127.0.0.1:" + port + "/users"));
            assertEquals(200, r.status());
            assertEquals(EXPECTED, r.body());
        } finally {
            p.destroy(); // SIGTERM: shutdown hooks stop the server and close the shared pool
            p.waitFor();
        }
        assertFalse(db.leaks(output.toString()), output::toString);
    }
}
