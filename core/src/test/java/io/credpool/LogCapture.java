package io.credpool;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Collects what credpool logs through {@code System.Logger} "io.credpool" (which the JDK routes to
 * {@code java.util.logging}) while open. Everything, messages and stack traces, can be searched
 * for secrets.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger("io.credpool");
    private final List<LogRecord> records = new ArrayList<>();
    private final Level previous;

    private LogCapture() {
        previous = LOGGER.getLevel();
        LOGGER.setLevel(Level.ALL);
        setLevel(Level.ALL);
        LOGGER.addHandler(this);
    }

    /** Starts capturing; close to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
        LOGGER.setLevel(previous);
    }

    /** The records so far. */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Messages at {@code level}. */
    public List<String> messages(Level level) {
        return records().stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    /** Records whose message matches. */
    public List<LogRecord> matching(Predicate<String> message) {
        return records().stream().filter(r -> message.test(r.getMessage())).collect(Collectors.toList());
    }

    /** Every message and stack trace, as one string. */
    public String everything() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records()) {
            b.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
            if (r.getThrown() != null) {
                b.append(stackTrace(r.getThrown()));
            }
        }
        return b.toString();
    }

    /** Fails when {@code secret} appears in any message or stack trace. */
    public void assertNeverContains(String secret) {
        assertFalse(everything().contains(secret), () -> "a secret leaked into the logs:\n" + everything());
    }

    /** A throwable with its causes, as printed. */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
