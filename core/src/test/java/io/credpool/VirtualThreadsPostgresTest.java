package io.credpool;

import static io.credpool.PostgresRoles.builder;
import static io.credpool.PostgresRoles.newRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.PgCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two thousand borrowers of twenty borrows each share a pool of ten against PostgreSQL, each borrow
 * a 1 ms {@code pg_sleep}: on virtual threads where the JDK has them (the build runs this class on
 * JDK 25 too, when it is installed), on platform threads on JDK 17. Every borrow succeeds, no
 * borrower spins while it waits, and on virtual threads no carrier is pinned inside credpool
 * (JFR's {@code jdk.VirtualThreadPinned}, recorded in-process).
 */
class VirtualThreadsPostgresTest {

    private static final int BORROWERS = 2000;
    private static final int BORROWS = 20;

    private final PgCluster cluster = PgCluster.shared();

    @Test
    void twoThousandBorrowersShareTenConnectionsWithoutPinningOrSpinning(@TempDir Path dir) throws Exception {
        String role = newRole(cluster, "vt");
        ExecutorService executor = virtualThreadPerTask();
        boolean virtual = executor != null;
        if (!virtual) {
            executor = Executors.newFixedThreadPool(BORROWERS);
        }
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        AtomicInteger done = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long wall0 = System.nanoTime();
        long cpu0 = cpuNanos();
        try (ConnectionPool pool = builder(cluster, role).maxSize(10).acquireTimeout(Duration.ofSeconds(60)).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < BORROWERS; i++) {
                futures.add(executor.submit(() -> {
                    for (int j = 0; j < BORROWS; j++) {
                        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                            s.execute("select pg_sleep(0.001)");
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
        long wall = System.nanoTime() - wall0;
        long cpu = cpuNanos() - cpu0;
        recording.stop();
        Path file = dir.resolve("pinned.jfr");
        recording.dump(file);
        recording.close();

        assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), "failed borrows");
        assertEquals(BORROWERS * BORROWS, done.get());
        // The work itself (40,000 queries through pgjdbc) needs well under a core; 1,990 waiting
        // borrowers that spun would keep both cores of this machine busy for the whole run.
        assertTrue(cpu < wall * 1.5, String.format("JVM CPU %d ms over %d ms: waiting borrowers spin",
                TimeUnit.NANOSECONDS.toMillis(cpu), TimeUnit.NANOSECONDS.toMillis(wall)));
        List<String> pinnedInCredpool = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            // The recording also holds credpool's own events (on by default): only pinning counts,
            // and only where credpool's code is what blocked while pinned: the innermost frame
            // outside the JDK (the driver's own pinning passes through credpool's proxies but is
            // the driver's). Loading a class pins the carrier whoever's class it is, once per
            // class: a JDK limitation, not a lock of ours.
            if (event.getEventType().getName().equals("jdk.VirtualThreadPinned") && event.getStackTrace() != null
                    && event.getStackTrace().getFrames().stream().noneMatch(VirtualThreadsPostgresTest::loadsAClass)
                    && event.getStackTrace().getFrames().stream().filter(f -> !jdk(f)).findFirst()
                            .filter(this::credpool).isPresent()) {
                String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") + ": " : "";
                pinnedInCredpool.add(reason + event.getStackTrace().getFrames().stream()
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                        .collect(Collectors.joining(" < ")));
            }
        }
        assertEquals(List.of(), pinnedInCredpool, virtual ? "carriers pinned inside credpool" : "no virtual threads");
    }

    private static boolean loadsAClass(RecordedFrame frame) {
        return frame.getMethod().getType().getName().equals("java.lang.ClassLoader")
                && frame.getMethod().getName().equals("loadClass");
    }

    private static boolean jdk(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    /** A frame of the library (not of this test). */
    private boolean credpool(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("io.credpool.") && !type.startsWith(getClass().getName());
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, null on 17. */
    private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
