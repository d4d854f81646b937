package coldstart.common;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reports the moment the first secret arrived. Loading this class is the marker that run.sh looks
 * for in the class-load log: classes logged before it were loaded on the way to the first secret.
 * One source, compiled into every benchmark main, so that all of them report alike.
 */
public final class Arrived {

    private Arrived() {
    }

    /**
     * Prints {@code COLDSTART arrived_ms=<epoch ms> start_ms=<process start, epoch ms>
     * cpu_ns=<process CPU so far> jit_ms=<CPU of the JIT compiler threads> ok=<true|false>} and halts
     * at once (no shutdown hooks, no further class loading), with status 0 if {@code ok}. The process
     * CPU time is read first; the JIT share is read afterwards from /proc and does not change it.
     */
    public static void report(long arrivedMillis, boolean ok) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        // No lambdas here: the first one costs a cold JVM milliseconds of CPU, which one side may not have paid yet.
        java.time.Duration cpu = info.totalCpuDuration().orElse(null);
        java.time.Instant start = info.startInstant().orElse(null);
        long cpuNanos = cpu == null ? -1 : cpu.toNanos();
        long startMillis = start == null ? -1 : start.toEpochMilli();
        StringBuilder line = new StringBuilder(128).append("COLDSTART arrived_ms=").append(arrivedMillis)
                .append(" start_ms=").append(startMillis).append(" cpu_ns=").append(cpuNanos)
                .append(" jit_ms=").append(jitMillis()).append(" ok=").append(ok);
        System.out.println(line);
        System.out.flush();
        Runtime.getRuntime().halt(ok ? 0 : 3);
    }

    /** User + system time of the C1/C2 compiler threads (Linux /proc, 10 ms ticks), or -1. */
    private static long jitMillis() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (!name.contains("CompilerThre")) {
                    continue;
                }
                // After "(name) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
                int field = 0;
                int from = close + 2;
                for (int i = from; i <= stat.length(); i++) {
                    if (i == stat.length() || stat.charAt(i) == ' ') {
                        if (field == 11 || field == 12) {
                            ticks += Long.parseLong(stat.substring(from, i));
                        }
                        field++;
                        from = i + 1;
                        if (field > 12) {
                            break;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 10;
    }
}
