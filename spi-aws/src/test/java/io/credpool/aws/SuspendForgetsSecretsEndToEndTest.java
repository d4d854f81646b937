package io.credpool.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.provider.SecretsManagerProvider;
import io.credpool.aws.internal.secrets.FakeSecretsManager.Arrival;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's suspend acceptance (CRaC, SnapStart): {@code ConnectionPool.suspend()} makes the
 * Secrets Manager source drop the secret and the AWS keys the credential chain cached (task-role
 * keys from a container credentials endpoint, valid for hours), so that after {@code resume()} both
 * are fetched anew, and nothing fetched before the suspend is handed out after it, even when the
 * fetch fails.
 */
class SuspendForgetsSecretsEndToEndTest {

    @TempDir
    Path home;

    /** Task-role keys as a container credentials endpoint serves them, valid for six hours. */
    private static AwsCredentials taskKeys(String id) {
        return new AwsCredentials(id, "taskSecret/" + EndToEnd.random(16), "taskToken+" + EndToEnd.random(16),
                Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), "test");
    }

    private static String answer(AwsCredentials keys) {
        return "{\"AccessKeyId\":\"" + keys.accessKeyId() + "\",\"SecretAccessKey\":\"" + keys.secretAccessKey()
                + "\",\"Token\":\"" + keys.sessionToken() + "\",\"Expiration\":\"" + keys.expiration() + "\"}";
    }

    @Test
    void suspendDropsTheSecretAndTheAwsKeysAndResumeFetchesBoth() throws Exception {
        String before = EndToEnd.password();
        String after = EndToEnd.password();
        AwsCredentials first = taskKeys("ASIAFIRST" + EndToEnd.random(6).toUpperCase());
        AwsCredentials second = taskKeys("ASIASECOND" + EndToEnd.random(6).toUpperCase());
        AtomicReference<AwsCredentials> served = new AtomicReference<>(first);
        try (EndToEnd e2e = new EndToEnd(before); FakeServer agent = FakeServer.http(); LogCapture log = new LogCapture()) {
            e2e.fake.accept(first).accept(second);
            e2e.alsoSecret(first.secretAccessKey());
            e2e.alsoSecret(second.secretAccessKey());
            agent.otherwise(r -> served.get() == null ? Reply.of(500, "")
                    : Reply.json(200, "application/json", answer(served.get())));
            Map<String, String> vars = e2e.environment(home, "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    agent.uri() + "v1/credentials");
            vars.remove("AWS_ACCESS_KEY_ID");
            vars.remove("AWS_SECRET_ACCESS_KEY");
            vars.remove("AWS_SESSION_TOKEN");
            CredentialSource source = new SecretsManagerProvider().open(Environment.of(vars));
            try (ConnectionPool pool = ConnectionPool.builder().credentials(source).build()) {
                try (Connection c = pool.getConnection()) {
                    assertTrue(c.isValid(2));
                }
                assertEquals(1, agent.count(), "the task keys were fetched once");
                assertEquals(List.of(first.accessKeyId()), keys(e2e));

                // While the snapshot is taken and restored, the secret and the task keys change.
                pool.suspend();
                e2e.serve(after);
                e2e.cluster.changePassword(e2e.role, after);
                served.set(second);
                pool.resume();

                try (Connection c = pool.getConnection()) {
                    assertTrue(c.isValid(2));
                }
                assertEquals(2, agent.count(), "the task keys were fetched anew, though the first were valid for hours");
                assertEquals(List.of(first.accessKeyId(), second.accessKeyId()), keys(e2e),
                        "the secret was fetched anew at once, signed with the new keys");
                assertEquals(0, pool.stats().failedConnects(), "no login was tried with the password from before");

                // Nothing from before the suspend is the fallback of a failed fetch after it.
                pool.suspend();
                served.set(null);
                pool.resume();
                CredentialException e = assertThrows(CredentialException.class, source::credentials);
                assertTrue(e.getMessage().contains("container credentials"), e.getMessage());
                assertEquals(2, e2e.fake.arrivals().size(), "no request signed with the keys from before");
                e2e.assertNoSecretIn("the failure", e);
            }
            assertEquals(List.of(), e2e.fake.problems(), "every request well-formed and signed");
            e2e.assertNoSecretIn("the log", log.everything());
        }
    }

    /** The access key of each request the fake Secrets Manager received, in order. */
    private static List<String> keys(EndToEnd e2e) {
        return e2e.fake.arrivals().stream().map(Arrival::accessKeyId).toList();
    }
}
