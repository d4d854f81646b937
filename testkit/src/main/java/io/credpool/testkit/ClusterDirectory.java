package io.credpool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The on-disk layout of one throwaway cluster: everything lives under one directory in
 * {@code /tmp} (short enough for a Unix socket path), so deleting it removes all traces.
 *
 * @param base      the cluster's directory, {@code /tmp/credpool-pg-*}
 * @param data      the data directory ({@code initdb -D})
 * @param socketDir the {@code unix_socket_directories} entry
 * @param serverLog the server's stdout and stderr
 * @param initdbLog {@code initdb}'s stdout and stderr
 * @param owner     file naming the JVM that owns the cluster, read by {@link OrphanReaper}
 */
record ClusterDirectory(Path base, Path data, Path socketDir, Path serverLog, Path initdbLog, Path owner) {

    /** Where clusters live; fixed rather than {@code java.io.tmpdir} to keep socket paths short. */
    static final Path ROOT = Path.of("/tmp");
    static final String PREFIX = "credpool-pg-";
    /** The directories of the cluster's {@link PgBouncer}s: {@code base/pgbouncer-<n>}. */
    static final String BOUNCER_PREFIX = "pgbouncer-";
    /** In a bouncer's directory: the pid of its PgBouncer process, written by the JVM that started it. */
    static final String BOUNCER_PID = "pgbouncer.pid";

    /** @return the layout under an existing or future {@code base} */
    static ClusterDirectory at(Path base) {
        return new ClusterDirectory(base, base.resolve("data"), base.resolve("sock"), base.resolve("server.log"),
                base.resolve("initdb.log"), base.resolve("owner"));
    }

    /** @return the directory of the cluster's {@code n}-th {@link PgBouncer} */
    Path bouncer(int n) {
        return base.resolve(BOUNCER_PREFIX + n);
    }

    /**
     * Creates a fresh directory (mode 0700) and records this JVM as its owner.
     *
     * @return the new layout; {@code data} does not exist yet ({@code initdb} creates it)
     */
    static ClusterDirectory create() throws IOException {
        ClusterDirectory dir = at(Files.createTempDirectory(ROOT, PREFIX));
        ProcessHandle self = ProcessHandle.current();
        // Written aside and renamed, so a reaper in another JVM never reads a half-written pid.
        Path partial = dir.base().resolve("owner.partial");
        Files.writeString(partial, self.pid() + " " + startMillis(self).orElse(-1) + "\n", StandardCharsets.UTF_8);
        Files.move(partial, dir.owner(), StandardCopyOption.ATOMIC_MOVE);
        Files.createDirectory(dir.socketDir());
        return dir;
    }

    /** @return whether the JVM that wrote {@code owner} still runs (unknown owners count as alive) */
    boolean ownerAlive() {
        List<String> fields;
        try {
            fields = List.of(Files.readString(owner, StandardCharsets.UTF_8).trim().split("\\s+"));
        } catch (IOException e) {
            return true; // being created right now, or not ours: leave it alone
        }
        try {
            long pid = Long.parseLong(fields.get(0));
            long start = fields.size() > 1 ? Long.parseLong(fields.get(1)) : -1;
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || Signals.isGone(process.get())) {
                return false;
            }
            OptionalLong actual = startMillis(process.get());
            return start < 0 || actual.isEmpty() || actual.getAsLong() == start; // a different start time: pid reused
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    /** @return the postmaster pid recorded in {@code data/postmaster.pid}, if any */
    OptionalLong recordedPostmasterPid() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> OptionalLong.of(i.toEpochMilli())).orElse(OptionalLong.empty());
    }
}
