package io.credpool.testkit;

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
 * Captures what credpool logs on the logger {@code io.credpool} for the duration of a
 * try-with-resources block, so that tests can check a line was logged and that no secret was,
 * in any message or stack trace.
 *
 * <p>credpool logs through {@code System.Logger}, whose default backend is
 * {@code java.util.logging}: a capture adds a handler to the {@code io.credpool} logger, lowers
 * its level to {@code ALL} and keeps the records off the console; {@link #close()} restores all
 * three. Captures are not meant to nest or to run in parallel tests: each sees every record logged
 * while it is open, from any thread.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start()) {
 *     ...
 *     assertTrue(log.lines().contains("INFO Database connection established successfully"));
 *     log.assertNeverContains(PASSWORD);
 * }
 * }</pre>
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

    /** Starts capturing every level on {@code io.credpool}. */
    public LogCapture() {
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /**
     * Starts capturing; the same as {@code new LogCapture()}.
     *
     * @return the open capture, to close with try-with-resources
     */
    public static LogCapture start() {
        return new LogCapture();
    }

    /**
     * Every message logged at {@code level} or above, formatted, in order.
     *
     * @param level the lowest level kept
     * @return the messages, without their level
     */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogCapture::format).collect(Collectors.toList());
    }

    /**
     * Every message, formatted, in order.
     *
     * @return the messages, without their level
     */
    public List<String> messages() {
        return messages(Level.ALL);
    }

    /**
     * The messages logged at exactly {@code level}, formatted, in order.
     *
     * @param level the level kept
     * @return the messages, without their level
     */
    public List<String> messagesAt(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level))
                .map(LogCapture::format).collect(Collectors.toList());
    }

    /**
     * Every record as one line {@code LEVEL message}, e.g. {@code INFO Database connection
     * established successfully}, in order.
     *
     * @return the lines, without stack traces
     */
    public List<String> lines() {
        return records.stream().map(LogCapture::line).collect(Collectors.toList());
    }

    /**
     * {@link #lines()} joined with {@code \n}, for "contains" checks and failure messages.
     *
     * @return the lines, without stack traces
     */
    public String all() {
        return String.join("\n", lines());
    }

    /**
     * The records whose formatted message matches.
     *
     * @param message the test on the formatted message
     * @return the records, in order
     */
    public List<LogRecord> matching(Predicate<String> message) {
        return records.stream().filter(r -> message.test(format(r))).collect(Collectors.toList());
    }

    /**
     * Every line with the stack trace of the exception logged with it, as one string: what a
     * console would show, and so what a secret must never be part of.
     *
     * @return the lines and stack traces
     */
    public String everything() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(line(r)).append('\n');
            if (r.getThrown() != null) {
                b.append(stackTrace(r.getThrown()));
            }
        }
        return b.toString();
    }

    /**
     * Fails when {@code secret} appears in any message or stack trace.
     *
     * @param secret the text that must not have been logged
     * @throws AssertionError showing everything logged, when it was
     */
    public void assertNeverContains(String secret) {
        String all = everything();
        if (all.contains(secret)) {
            throw new AssertionError("a secret leaked into the logs:\n" + all);
        }
    }

    /** Forgets what was captured so far; capturing goes on. */
    public void clear() {
        records.clear();
    }

    /** Stops capturing and restores the logger's level, handlers and console output. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(oldLevel);
        logger.setUseParentHandlers(oldUseParent);
    }

    /**
     * A throwable with its causes and suppressed exceptions, as {@code printStackTrace} prints it.
     *
     * @param t the throwable
     * @return the printed stack trace
     */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String line(LogRecord r) {
        return r.getLevel() + " " + format(r);
    }

    private static String format(LogRecord r) {
        return new SimpleFormatter().formatMessage(r);
    }
}
