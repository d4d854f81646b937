package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.credpool.Environment;
import io.credpool.testkit.LogCapture;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Endpoint overrides: plain HTTP is warned about once, by endpoint, never with its user information. */
class EndpointsTest {

    /** A port no other test uses, so that this JVM has not warned about the endpoint yet. */
    private static int freshPort() {
        return ThreadLocalRandom.current().nextInt(20_000, 60_000);
    }

    @Test
    void aPlainHttpOverrideIsWarnedAboutOnceWithoutUserInformation() {
        int port = freshPort();
        Environment env = Environment.of(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER",
                "http://admin:s3cret-PW@127.0.0.1:" + port + "/"));
        try (LogCapture log = new LogCapture()) {
            URI first = Endpoints.resolve(env, "SECRETS_MANAGER", "secretsmanager", "eu-west-1");
            Endpoints.resolve(env, "SECRETS_MANAGER", "secretsmanager", "eu-west-1");
            assertEquals(port, first.getPort());
            assertEquals(List.of("WARNING AWS_ENDPOINT_URL_SECRETS_MANAGER is http://127.0.0.1:" + port + "/: what is "
                    + "sent to it (signed requests with their session token, web identity and SSO tokens) and what it answers "
                    + "(secrets, credentials) travel unencrypted; use https:// outside a local test"), log.lines());
            assertFalse(log.all().contains("s3cret-PW"), log.all());
        }
    }

    @Test
    void httpsAndDefaultEndpointsAreNotWarnedAbout() {
        try (LogCapture log = new LogCapture()) {
            Endpoints.resolve(Environment.of(Map.of("AWS_ENDPOINT_URL", "https://127.0.0.1:" + freshPort())), "STS",
                    "sts", "eu-west-1");
            assertEquals(URI.create("https://sts.eu-west-1.amazonaws.com/"),
                    Endpoints.resolve(Environment.of(Map.of()), "STS", "sts", "eu-west-1"));
            assertEquals(List.of(), log.lines());
        }
    }
}
