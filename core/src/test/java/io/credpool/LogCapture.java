package io.credpool;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * Captures what credpool logs on {@code io.credpool} (System.Logger is backed by java.util.logging
 * here) for the duration of a try-with-resources block, and keeps it off the console. Messages
 * and stack traces can be searched for secrets.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.credpool");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level oldLevel = logger.getLevel();
    private final boolean oldUseParent = logger.getUseParentHandlers();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Starts capturing; the same as {@code new LogCapture()}. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every message logged at {@code level} or above, formatted. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogCapture::format).collect(Collectors.toList());
    }

    /** Every message, formatted. */
    public List<String> messages() {
        return messages(Level.ALL);
    }

    /** Messages logged at exactly {@code level}, formatted. */
    public List<String> messagesAt(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level))
                .map(LogCapture::format).collect(Collectors.toList());
    }

    /** The records whose formatted message matches. */
    public List<LogRecord> matching(Predicate<String> message) {
        return records.stream().filter(r -> message.test(format(r))).collect(Collectors.toList());
    }

    /** Every message and stack trace, as one string. */
    public String everything() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(r.getLevel()).append(' ').append(format(r)).append('\n');
            if (r.getThrown() != null) {
                b.append(stackTrace(r.getThrown()));
            }
        }
        return b.toString();
    }

    /** Fails when {@code secret} appears in any message or stack trace. */
    public void assertNeverContains(String secret) {
        String all = everything();
        assertFalse(all.contains(secret), () -> "a secret leaked into the logs:\n" + all);
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(oldLevel);
        logger.setUseParentHandlers(oldUseParent);
    }

    /** A throwable with its causes, as printed. */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String format(LogRecord r) {
        return new SimpleFormatter().formatMessage(r);
    }
}
