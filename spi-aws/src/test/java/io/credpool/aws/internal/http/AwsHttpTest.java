package io.credpool.aws.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.aws.internal.http.HostileServer.Mode;
import io.credpool.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deadline and the size cap of every AWS exchange, against servers that misbehave on purpose. */
class AwsHttpTest {

    private static final Duration DEADLINE = Duration.ofMillis(800);

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(DEADLINE).GET().build();
    }

    private static long elapsedMillis(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Test
    void aTrickledBodyEndsAtTheDeadline() throws Exception {
        try (HostileServer server = new HostileServer(Mode.TRICKLE)) {
            long start = System.nanoTime();
            HttpTimeoutException e = assertThrows(HttpTimeoutException.class,
                    () -> AwsHttp.send(AwsHttp.client(), get(server.uri())));
            long took = elapsedMillis(start);
            assertTrue(took >= 700 && took < 2500, "took " + took + " ms");
            assertEquals("no complete answer from " + server.uri() + " within 800 ms", e.getMessage());
            assertEquals(e.getMessage(), AwsHttp.describe(e));
            assertTrue(server.bytesSent() > 0, "the headers and some bytes came: the deadline covers the body");
            awaitHangUp(server);
        }
    }

    @Test
    void anEndlessBodyStopsAtTheCap() throws Exception {
        try (HostileServer server = new HostileServer(Mode.ENDLESS)) {
            AwsHttp.BodyTooLarge e = assertThrows(AwsHttp.BodyTooLarge.class,
                    () -> AwsHttp.send(AwsHttp.client(), HttpRequest.newBuilder(server.uri())
                            .timeout(Duration.ofSeconds(30)).GET().build()));
            assertEquals("the answer from " + server.uri() + " is larger than 2 MiB (2097152 bytes)", e.getMessage());
            awaitHangUp(server);
            assertTrue(server.bytesSent() < 64L * 1024 * 1024, "read " + server.bytesSent() + " bytes");
        }
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheDeadline() throws Exception {
        try (HostileServer server = new HostileServer(Mode.SILENT)) {
            long start = System.nanoTime();
            IOException e = assertThrows(HttpTimeoutException.class,
                    () -> AwsHttp.send(AwsHttp.client(), HttpRequest.newBuilder(server.uri()).timeout(DEADLINE)
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
            long took = elapsedMillis(start);
            assertTrue(took >= 700 && took < 2500, "took " + took + " ms");
            assertTrue(e.getMessage().contains(server.uri() + " within 800 ms"), e.getMessage());
            assertEquals(1, server.requests());
        }
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsFlag() throws Exception {
        try (HostileServer server = new HostileServer(Mode.SILENT)) {
            Thread.currentThread().interrupt();
            try {
                IOException e = assertThrows(IOException.class,
                        () -> AwsHttp.send(AwsHttp.client(), get(server.uri())));
                assertEquals("interrupted while waiting for " + server.uri(), e.getMessage());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void endpointsAreShownWithoutUserInformationOrQuery() {
        String shown = AwsHttp.display(URI.create("https://user:s3cr%2FPW@sts.example.com:8443/path?X-Amz-Signature=abc#f"));
        assertEquals("https://sts.example.com:8443/path", shown);
        assertFalse(shown.contains("s3cr") || shown.contains("user"), shown);
        assertEquals("http://[::1]:9000/", AwsHttp.display(URI.create("http://u:p@[::1]:9000/")));
        assertEquals("http://169.254.170.2/v2/credentials",
                AwsHttp.display(URI.create("http://169.254.170.2/v2/credentials?id=1")));
    }

    /** The client drops the connection once it gives up, so a hostile server cannot keep it busy. */
    private static void awaitHangUp(HostileServer server) {
        Poll.eventually(Duration.ofSeconds(5), "the client to drop the connection", () -> server.openConnections() == 0);
    }
}
