package io.credpool.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cleans up clusters whose JVM died without running its shutdown hooks (SIGKILL, a crash, a
 * build tool killing a forked test JVM on timeout): kills their server and deletes their directory.
 *
 * <p>Only directories named {@code /tmp/credpool-pg-*} whose {@code owner} file names a JVM that no
 * longer runs are touched, and only a {@code postgres} process started on that data directory is killed.
 */
final class OrphanReaper {

    private OrphanReaper() {
    }

    /** @return how many abandoned cluster directories were removed */
    static int reap() {
        int reaped = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ClusterDirectory.ROOT, ClusterDirectory.PREFIX + "*")) {
            for (Path base : dirs) {
                ClusterDirectory dir = ClusterDirectory.at(base);
                if (!Files.isDirectory(base) || !Files.exists(dir.owner()) || dir.ownerAlive()) {
                    continue;
                }
                killServer(dir);
                Trees.deleteQuietly(base);
                if (!Files.exists(base)) {
                    reaped++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: reaping must never make a test fail
        }
        return reaped;
    }

    private static void killServer(ClusterDirectory dir) {
        OptionalLong pid = dir.recordedPostmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        // The pid may have been reused since: kill only a postgres started on this very data directory.
        String data = dir.data().toString();
        boolean ours = process.flatMap(p -> p.info().arguments())
                .map(args -> java.util.Arrays.asList(args).contains(data))
                .orElse(false)
                && process.flatMap(p -> p.info().command())
                        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                        .orElse(false);
        if (ours) {
            Signals.killTree(process.get(), Duration.ofSeconds(10));
        }
    }
}
