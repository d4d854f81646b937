package io.credpool.examples;

import io.credpool.Database;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Map;

/**
 * An AWS Lambda-style handler (API Gateway proxy events as maps; no AWS dependency) on
 * {@link Database#shared()}.
 *
 * <p>Why the shared pool: a Lambda execution environment serves many invocations one after
 * another. The first (cold) invocation builds the pool, from {@code AWS_SECRET_NAME} with the
 * {@code io.credpool.aws} module in production; every warm invocation after it reuses the open
 * connections. Keep {@code connection_limit} small (secrets default to 5) or use RDS Proxy: each
 * concurrent execution environment has its own pool.
 *
 * <p>To use it on AWS, wrap it in {@code RequestHandler<Map<String, Object>, Map<String, Object>>}
 * from {@code aws-lambda-java-core}.
 */
public final class UsersHandler {

    private static final System.Logger LOG = System.getLogger("io.credpool.examples");

    /** For the Lambda runtime. */
    public UsersHandler() {
    }

    /**
     * {@code GET /users} lists the users; {@code GET /users/{id}} (path parameter {@code id}) finds one.
     *
     * @param event   an API Gateway proxy event; only {@code pathParameters.id} is read
     * @param context the Lambda context; unused
     * @return an API Gateway proxy response: {@code statusCode}, {@code headers}, {@code body}
     */
    public Map<String, Object> handleRequest(Map<String, Object> event, Object context) {
        Object parameters = event == null ? null : event.get("pathParameters");
        Object id = parameters instanceof Map ? ((Map<?, ?>) parameters).get("id") : null;
        try {
            UserRepository users = new UserRepository(Database.shared());
            if (id == null) {
                return response(200, Json.users(users.findAll()));
            }
            long key;
            try {
                key = Long.parseLong(id.toString());
            } catch (NumberFormatException e) {
                return response(400, Json.error("id must be a number"));
            }
            return users.findById(key).map(u -> response(200, u.toJson()))
                    .orElseGet(() -> response(404, Json.error("no user " + key)));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "The users handler failed: " + e.getMessage());
            return response(503, Json.error("database unavailable"));
        }
    }

    private static Map<String, Object> response(int status, String json) {
        return Map.of("statusCode", status, "headers", Map.of("Content-Type", "application/json"), "body", json);
    }
}
