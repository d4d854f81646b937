package io.credpool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Signals and process-tree kills for server processes.
 *
 * <p>The JDK can only send SIGTERM ({@code destroy}) and SIGKILL ({@code destroyForcibly}); a
 * PostgreSQL fast shutdown needs SIGINT, so other signals go through the shell's {@code kill}
 * builtin ({@code /bin/sh} exists everywhere, the {@code kill} program from procps may not).
 */
final class Signals {

    private Signals() {
    }

    /**
     * Sends {@code signal} (a name such as {@code INT}, {@code QUIT}, {@code STOP}) to {@code pid}.
     *
     * @return whether {@code kill} reported success (false when the process is already gone)
     */
    static boolean send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$0\" \"$1\" 2>/dev/null", signal, Long.toString(pid))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Kills {@code root} and all its descendants with SIGKILL and waits for them to be gone.
     *
     * <p>The root is first frozen with SIGSTOP so it cannot fork a child between listing its
     * descendants and killing them: once a postmaster dies its children are re-parented and no
     * longer findable as its descendants. Like a machine losing power, nothing gets to clean up.
     *
     * @param wait how long to wait for every process to be gone
     * @return the processes still alive after {@code wait} (empty on success)
     */
    static List<ProcessHandle> killTree(ProcessHandle root, Duration wait) {
        if (!isGone(root)) {
            send(root.pid(), "STOP");
        }
        // Children first, while the frozen root can neither notice nor replace them: no survivor
        // gets the chance to react to its parent's death (a backend would tell its client so).
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        tree.add(root);
        return awaitGone(tree, wait);
    }

    /**
     * @return the processes of {@code processes} not gone within {@code wait}
     */
    static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle process : processes) {
            while (!isGone(process) && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return processes.stream().filter(p -> !isGone(p)).collect(Collectors.toList());
    }

    /**
     * @return whether the process no longer runs; a zombie (exited, not yet reaped by its parent) counts as gone
     */
    static boolean isGone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')'); // the command name may itself contain spaces and parentheses
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive();
        }
    }
}
