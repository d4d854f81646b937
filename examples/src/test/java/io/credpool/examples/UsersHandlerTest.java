package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.Database;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lambda-style handler: a cold start builds the shared pool, warm invocations reuse it. */
class UsersHandlerTest {

    private static TestDb db;

    @BeforeAll
    static void seed() throws Exception {
        db = TestDb.create("lambda");
        try (ConnectionPool pool = Database.open(db.url())) {
            SeedUsers.seed(pool);
        }
        Database.disconnect();
        // What a Lambda function's configuration sets; AWS_LAMBDA_FUNCTION_NAME makes it production.
        System.setProperty("AWS_LAMBDA_FUNCTION_NAME", "users");
        System.setProperty("DATABASE_URL", db.url() + "?connection_limit=2");
    }

    @AfterAll
    static void cleanUp() {
        Database.disconnect();
        System.clearProperty("AWS_LAMBDA_FUNCTION_NAME");
        System.clearProperty("DATABASE_URL");
    }

    @Test
    void coldThenWarmInvocationsShareOnePool() throws Exception {
        UsersHandler handler = new UsersHandler();
        Map<String, Object> cold = handler.handleRequest(Map.of("httpMethod", "GET", "path", "/users"), null);
        assertEquals(200, cold.get("statusCode"));
        assertEquals(Map.of("Content-Type", "application/json"), cold.get("headers"));
        assertTrue(cold.get("body").toString().startsWith("[{\"id\":1,\"name\":\"Ada Lovelace\""), cold.toString());
        ConnectionPool pool = Database.shared();

        for (int i = 0; i < 20; i++) {
            assertEquals(200, handler.handleRequest(Map.of(), null).get("statusCode"));
        }
        assertSame(pool, Database.shared());
        assertEquals(1, pool.stats().created(), "sequential invocations reuse one connection");
        assertEquals(1, db.backends());
    }

    @Test
    void pathParameters() {
        UsersHandler handler = new UsersHandler();
        Map<String, Object> one = handler.handleRequest(Map.of("pathParameters", Map.of("id", "2")), null);
        assertEquals(200, one.get("statusCode"));
        assertEquals("{\"id\":2,\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\"}", one.get("body"));
        assertEquals(404, handler.handleRequest(Map.of("pathParameters", Map.of("id", "99")), null).get("statusCode"));
        assertEquals(400, handler.handleRequest(Map.of("pathParameters", Map.of("id", "two")), null).get("statusCode"));
    }
}
