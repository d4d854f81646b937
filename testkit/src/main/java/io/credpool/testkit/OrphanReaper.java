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
 * longer runs are touched, and only a {@code postgres} process started on that data directory, or a
 * {@code pgbouncer} process started with a configuration file inside it, is killed.
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
                killBouncers(dir);
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
        killIfOurs(dir.recordedPostmasterPid(), "postgres", dir.data().toString());
    }

    private static void killBouncers(ClusterDirectory dir) throws IOException {
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(dir.base(), ClusterDirectory.BOUNCER_PREFIX + "*")) {
            for (Path home : homes) {
                OptionalLong pid;
                try {
                    pid = OptionalLong.of(Long.parseLong(Files.readString(home.resolve(ClusterDirectory.BOUNCER_PID)).trim()));
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                killIfOurs(pid, "pgbouncer", home.resolve("pgbouncer.ini").toString());
            }
        }
    }

    /** The pid may have been reused since: kills only a {@code program} whose arguments hold {@code argument}. */
    private static void killIfOurs(OptionalLong pid, String program, String argument) {
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        boolean ours = process.flatMap(p -> p.info().arguments())
                .map(args -> java.util.Arrays.asList(args).contains(argument))
                .orElse(false)
                && process.flatMap(p -> p.info().command())
                        .map(command -> Path.of(command).getFileName().toString().startsWith(program))
                        .orElse(false);
        if (ours) {
            Signals.killTree(process.get(), Duration.ofSeconds(10));
        }
    }
}
