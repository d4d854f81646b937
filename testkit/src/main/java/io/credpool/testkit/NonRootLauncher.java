package io.credpool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes PostgreSQL programs (and PgBouncer) run as a non-root user when the JVM runs as root.
 *
 * <p>{@code initdb}, {@code postgres} and {@code pgbouncer} refuse to run with effective uid 0,
 * and containers and CI here run as root. Instead of creating a system user and chowning files, each program is started
 * as {@code unshare --user --map-user=65534 --map-group=65534 <program> ...} (util-linux):
 * <ul>
 *   <li>the program runs in a new user namespace where its uid is 65534 ({@code nobody}, present in
 *       {@code /etc/passwd} so {@code initdb}'s user-name lookup succeeds), so the root check passes;</li>
 *   <li>that inside uid maps to the outside uid 0, so every file the server writes is owned by
 *       root on disk and the JVM can read the logs and delete the data directory; and inside the
 *       namespace root-owned files appear owned by 65534, which satisfies the server's
 *       "data directory must be owned by the server user" check;</li>
 *   <li>with a single mapping, {@code unshare} writes its own uid/gid maps and then {@code exec}s the
 *       program, so the JVM's child process <em>is</em> the postmaster: its pid is the server's
 *       pid, and signals from the JVM (root in the parent namespace) reach it.</li>
 * </ul>
 * Only the user namespace is new; network, pid and mount namespaces are shared, so the server
 * listens on the host's loopback as usual. Needs user namespaces to be allowed by the kernel
 * ({@code user.max_user_namespaces > 0}) and not blocked by a seccomp profile.
 */
final class NonRootLauncher {

    private static final String UID = "65534";
    private static volatile Boolean probed;

    private NonRootLauncher() {
    }

    /**
     * @param command a PostgreSQL program (or PgBouncer) and its arguments
     * @return the command to start instead: unchanged for a non-root JVM, wrapped in {@code unshare} for root
     * @throws IllegalStateException naming the fix if root cannot drop to another uid here
     */
    static List<String> wrap(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        ensureUnshareWorks();
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--user", "--map-user=" + UID, "--map-group=" + UID));
        wrapped.addAll(command);
        return wrapped;
    }

    /** @return whether this process's effective uid is 0 */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+"); // real, effective, saved, filesystem
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException e) {
            // no procfs: fall back to the user name below
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ensureUnshareWorks() {
        if (Boolean.TRUE.equals(probed)) {
            return;
        }
        synchronized (NonRootLauncher.class) {
            if (Boolean.TRUE.equals(probed)) {
                return;
            }
            String problem;
            try {
                Path out = Files.createTempFile("credpool-unshare-probe", ".log");
                try {
                    Process probe = new ProcessBuilder("unshare", "--user", "--map-user=" + UID, "--map-group=" + UID, "true")
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .start();
                    if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                        probe.destroyForcibly();
                        problem = "it did not finish within 30 s";
                    } else {
                        problem = probe.exitValue() == 0 ? null
                                : "exit " + probe.exitValue() + ": " + Files.readString(out, StandardCharsets.UTF_8).strip();
                    }
                } finally {
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                problem = e.getMessage() + " (is util-linux installed?)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            }
            if (problem != null) {
                throw new IllegalStateException("PostgreSQL refuses to run as root and 'unshare --user' failed (" + problem
                        + "): run the tests as a non-root user, or install util-linux and allow user namespaces"
                        + " (sysctl user.max_user_namespaces > 0; containers need a seccomp profile that permits unshare)");
            }
            probed = Boolean.TRUE;
        }
    }
}
