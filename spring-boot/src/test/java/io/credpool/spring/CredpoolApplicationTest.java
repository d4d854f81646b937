package io.credpool.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.credpool.ConnectionPool;
import io.credpool.testkit.PgCluster;
import io.credpool.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real Spring Boot web application with the starter, HikariCP and the actuator on the class
 * path, against a PostgreSQL cluster of its own (the last test stops it). One context for the
 * class; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredpoolApplicationTest {

    private static final String ROLE = "spring_app";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PgCluster cluster;
    private static Secrets secrets;
    private static ConfigurableApplicationContext context;
    private static String base;
    /** Every body the actuator answered, searched for the password at the end. */
    private static final StringBuilder answers = new StringBuilder();

    @BeforeAll
    static void startApplication() {
        cluster = PgCluster.create();
        secrets = new Secrets();
        cluster.createRole(ROLE, secrets.password);
        cluster.createDatabase("app", ROLE);
        context = new SpringApplicationBuilder(TestApplication.class).properties(
                "DATABASE_URL=" + secrets.url(ROLE, cluster.port(), "app"),
                "APP_ENV=test",
                "credpool.name=orders",
                "credpool.max-size=4",
                "credpool.acquire-timeout=2s",
                "server.port=0",
                "management.endpoints.web.exposure.include=health,metrics,prometheus",
                "management.endpoint.health.show-details=always").run();
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        context.getBean(JdbcTemplate.class).execute("CREATE TABLE notes(id serial PRIMARY KEY, text text NOT NULL)");
    }

    @AfterAll
    static void stop() {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            secrets.close();
            cluster.close();
        }
        String printed = secrets.printed();
        assertTrue(printed.contains("credpool"), "the logs were captured");
        assertFalse(secrets.leaks(printed), "password in the logs");
        assertFalse(secrets.leaks(answers.toString()), "password in the actuator's answers");
    }

    @Test
    @Order(1)
    void theDataSourceIsCredpoolsAndNoHikariPoolExists() {
        DataSource dataSource = context.getBean(DataSource.class);
        ConnectionPool pool = assertInstanceOf(ConnectionPool.class, dataSource);
        assertEquals(1, context.getBeansOfType(DataSource.class).size());
        assertTrue(context.getBeansOfType(HikariDataSource.class).isEmpty());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("HikariPool")));
        assertEquals("orders", pool.name());
        assertEquals(4, pool.settings().maxSize());
        assertEquals(Duration.ofSeconds(2), pool.settings().acquireTimeout());
        assertEquals("database-url", pool.provider());
    }

    @Test
    @Order(2)
    void jdbcTemplateAndTransactionalWork() {
        TestApplication.Notes notes = context.getBean(TestApplication.Notes.class);
        notes.add("kept");
        assertThrows(IllegalStateException.class, () -> notes.addThenFail("rolled back"));
        assertEquals(List.of("kept"), notes.all());
        assertEquals(ROLE, context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class));
    }

    @Test
    @Order(3)
    void healthShowsCredpoolUpWithCountsProviderAndTarget() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertEquals(200, health.statusCode(), health::body);
        String body = health.body();
        assertEquals("UP", credpool(body).get("status").asString(), body);
        assertTrue(body.contains("\"target\":\"127.0.0.1:" + cluster.port() + "/app\""), body);
        assertTrue(body.contains("\"provider\":\"database-url\""), body);
        assertTrue(body.contains("\"pool\":\"orders\""), body);
        assertTrue(body.contains("\"max\":4"), body);
    }

    @Test
    @Order(4)
    void metricsAndPrometheusShowTheMetersWithThePoolTag() throws Exception {
        context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
        HttpResponse<String> connections = get("/actuator/metrics/credpool.connections");
        assertEquals(200, connections.statusCode(), connections::body);
        assertTrue(connections.body().contains("{\"tag\":\"pool\",\"values\":[\"orders\"]}"), connections.body());
        assertTrue(connections.body().contains("\"tag\":\"state\""), connections.body());

        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertEquals(200, scrape.statusCode(), scrape::body);
        String text = scrape.body();
        for (String meter : List.of("credpool_connections{pool=\"orders\",state=\"active\"}",
                "credpool_connections{pool=\"orders\",state=\"idle\"}",
                "credpool_connections_pending{pool=\"orders\"}",
                "credpool_connections_max{pool=\"orders\"} 4.0",
                "credpool_connections_timeout_total{pool=\"orders\"}",
                "credpool_connections_acquire_seconds_count{pool=\"orders\"}",
                "credpool_connections_usage_seconds_count{pool=\"orders\"}",
                "credpool_connections_creation_seconds_count{pool=\"orders\"}")) {
            assertTrue(text.contains(meter), () -> meter + " missing from\n" + text);
        }
        assertFalse(text.contains("credpool_connections_acquire_seconds_count{pool=\"orders\"} 0"), text);
    }

    @Test
    @Order(5)
    void healthShowsCredpoolDownOnceTheDatabaseIsStopped() {
        cluster.stop();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Poll.eventually(Duration.ofSeconds(30), "credpool DOWN in /actuator/health", () -> {
            try {
                jdbc.queryForObject("SELECT 1", Integer.class);
            } catch (DataAccessException expected) {
                // borrows fail: the pool notices that it cannot connect
            }
            HttpResponse<String> health = get("/actuator/health");
            JsonNode credpool = credpool(health.body());
            return health.statusCode() == 503 && credpool.get("status").asString().equals("DOWN")
                    && credpool.at("/details/lastError").asString().contains("refused");
        });
    }

    /** The {@code credpool} component of a health answer. */
    private static JsonNode credpool(String health) {
        return new ObjectMapper().readTree(health).at("/components/credpool");
    }

    private static HttpResponse<String> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.append(response.body()).append('\n');
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }
}
