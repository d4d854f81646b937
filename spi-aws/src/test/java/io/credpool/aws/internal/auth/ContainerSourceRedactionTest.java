package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.testkit.LogCapture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A full container URI with user information never shows its password in a failure. */
class ContainerSourceRedactionTest {

    private static final String PASSWORD = "Cnt-pw9q/x";

    @Test
    void userInfoPasswordIsMaskedInFailures() throws Exception {
        try (FakeServer agent = FakeServer.http()) {
            agent.otherwise(r -> Reply.of(401, "{\"code\":\"Unauthorized\"}"));
            String uri = agent.uri().toString().replace("://", "://agent:" + PASSWORD.replace("/", "%2F") + "@") + "creds";
            ContainerSource source = new ContainerSource(Environment.of(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri)),
                    AwsHttp.newClient(null));
            Unavailable e = assertThrows(Unavailable.class, source::load);
            String trace = LogCapture.stackTrace(e);
            for (String secret : new String[] {PASSWORD, "Cnt-pw9q%2Fx", "Cnt-pw9q"}) {
                assertFalse(trace.contains(secret), trace);
            }
            assertTrue(e.getMessage().contains("endpoint " + agent.uri().toString() + "creds"), e.getMessage());
            assertFalse(e.getMessage().contains("agent:"), "the endpoint is named without its user information");
        }
    }
}
