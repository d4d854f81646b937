package io.credpool.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell commands of README.md: every line of its {@code sh}, {@code bash} and {@code shell}
 * code blocks, with {@code \} continuations joined and comments dropped. Tests run these very
 * strings, so the README cannot drift from what works.
 */
final class Readme {

    /** The repository root: the examples module's parent. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private Readme() {
    }

    static String text() {
        try {
            return Files.readString(ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> commands() {
        List<String> commands = new ArrayList<>();
        boolean inShell = false;
        boolean inFence = false;
        StringBuilder pending = new StringBuilder();
        for (String line : text().split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("```")) {
                inShell = !inFence && List.of("sh", "bash", "shell").contains(t.substring(3).strip());
                inFence = !inFence;
                continue;
            }
            if (!inShell || t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            commands.add(pending.toString().replaceAll("\\s+", " ").strip());
            pending.setLength(0);
        }
        return commands;
    }

    /** The one README command containing {@code marker}. */
    static String command(String marker) {
        List<String> matches = commands().stream().filter(c -> c.contains(marker)).collect(Collectors.toList());
        if (matches.size() != 1) {
            throw new AssertionError("expected one README command containing '" + marker + "', found " + matches);
        }
        return matches.get(0);
    }
}
