package io.credpool.aws.internal.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what is logged on {@code io.credpool} (System.Logger's default backend is java.util.logging). */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.credpool");
    private final Level previous = logger.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> thrown = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + record.getMessage());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                thrown.add(trace.toString());
            }
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
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
    }

    /** Every line as {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every line joined, for "contains" and "never contains" checks. */
    public String all() {
        return String.join("\n", lines);
    }

    /** Every line joined, followed by the stack traces of the exceptions logged with them. */
    public String everything() {
        return all() + "\n" + String.join("\n", thrown);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
