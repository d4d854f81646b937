package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.stub.StubBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK Flight Recorder events of category {@code credpool}, recorded in-process and read back. */
class JfrEventsTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingSeesEachKindOfEventWithThePoolNameAndNoSecret() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        Path file = dir.resolve("credpool.jfr");
        // Registers the periodic event before the recording asks for it at 100 ms.
        Class.forName("io.credpool.internal.jfr.JfrFlight");
        try (Recording recording = new Recording()) {
            for (String name : new String[] {"ConnectionAcquire", "ConnectionCreate", "ConnectionCreateFailed",
                    "AcquireTimeout", "ConnectionEvict", "ConnectionLeak", "CredentialFetch"}) {
                recording.enable("io.credpool." + name);
            }
            recording.enable("io.credpool.PoolStatistics").withPeriod(Duration.ofMillis(100));
            recording.start();

            stub.failConnects(1, "08001");
            try (ConnectionPool pool = builder(db).name("jfr-pool").maxSize(1).acquireTimeout(Duration.ofMillis(500))
                    .leakThreshold(Duration.ofMillis(50)).build()) {
                Connection c = pool.getConnection();
                sqlFailure(pool::getConnection);
                Thread.sleep(300);
                c.abort(Runnable::run);
                // A borrow that waits for the replacement connect: slower than 10 ms.
                stub.connectDelay(Duration.ofMillis(30));
                pool.getConnection().close();
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.credpool."))
                .collect(Collectors.toList());
        Map<String, Long> counts = new TreeMap<>(events.stream().collect(
                Collectors.groupingBy(e -> e.getEventType().getName().substring("io.credpool.".length()),
                        Collectors.counting())));
        for (String name : new String[] {"AcquireTimeout", "ConnectionAcquire", "ConnectionCreate",
                "ConnectionCreateFailed", "ConnectionEvict", "ConnectionLeak", "CredentialFetch", "PoolStatistics"}) {
            assertTrue(counts.getOrDefault(name, 0L) > 0, "no " + name + " in " + counts);
        }
        for (RecordedEvent e : events) {
            assertEquals("jfr-pool", e.getString("pool"), e::toString);
            assertEquals(List.of("credpool"), e.getEventType().getCategoryNames());
            assertFalse(e.toString().contains(PASSWORD), e::toString);
        }
        RecordedEvent failed = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.credpool.ConnectionCreateFailed")).findFirst().get();
        assertEquals(1, failed.getInt("attempt"));
        assertTrue(failed.getString("reason").contains("stub failure"), failed::toString);
        RecordedEvent evict = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.credpool.ConnectionEvict")).findFirst().get();
        assertEquals("aborted", evict.getString("reason"));
        RecordedEvent acquire = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.credpool.ConnectionAcquire")).findFirst().get();
        assertTrue(acquire.getDuration().toMillis() >= 10, acquire::toString);
        RecordedEvent fetch = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.credpool.CredentialFetch")).findFirst().get();
        assertEquals("the ConnectionPool builder", fetch.getString("provider"));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void aFastBorrowRecordsNoAcquireEvent() throws Exception {
        String db = newDatabase();
        Path file = dir.resolve("fast.jfr");
        try (ConnectionPool pool = builder(db).name("fast-pool").build(); Recording recording = new Recording()) {
            pool.getConnection().close();
            recording.enable("io.credpool.ConnectionAcquire").withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 1000; i++) {
                pool.getConnection().close();
            }
            recording.stop();
            recording.dump(file);
        }
        assertEquals(0, RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.credpool.ConnectionAcquire")).count(),
                "the fast path is not even timed");
    }
}
