package io.credpool.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Database;
import io.credpool.Environment;
import io.credpool.aws.internal.http.HostileServer;
import io.credpool.testkit.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Database.open} against a Secrets Manager endpoint that trickles its answer one byte at a
 * time: it gives up within the client's deadlines (3 attempts of 5 s), not when the server is done.
 */
class HostileSecretsManagerTest {

    @Test
    void databaseOpenGivesUpOnATrickledAnswer(@TempDir Path home) throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Mode.TRICKLE); LogCapture log = new LogCapture()) {
            Map<String, String> vars = new HashMap<>();
            vars.put("APP_ENV", "production");
            vars.put("HOME", home.toString());
            vars.put("AWS_EC2_METADATA_DISABLED", "true");
            vars.put("AWS_ACCESS_KEY_ID", "AKIAHOSTILE");
            vars.put("AWS_SECRET_ACCESS_KEY", "hostile/secret-key-9");
            vars.put("AWS_REGION", "eu-west-1");
            vars.put("AWS_SECRET_NAME", "prod/db");
            vars.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", server.uri().toString());
            long start = System.nanoTime();
            CredentialException e = assertThrows(CredentialException.class,
                    () -> Database.open(Environment.of(vars)).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(25)) < 0, "took " + took);
            assertTrue(e.getMessage().contains("Could not reach Secrets Manager at " + server.uri()), e.getMessage());
            assertTrue(e.getMessage().contains("no complete answer within 5000 ms"), e.getMessage());
            assertFalse(e.getMessage().contains("hostile/secret-key-9") || log.all().contains("hostile/secret-key-9"));
        }
    }
}
