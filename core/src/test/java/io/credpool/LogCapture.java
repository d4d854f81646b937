package io.credpool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what credpool logs on {@code io.credpool} (System.Logger is backed by java.util.logging
 * here) for the duration of a try-with-resources block, and keeps it off the console.
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

    /** Every message logged at {@code level} or above, formatted. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).collect(Collectors.toList());
    }

    /** Every message, formatted. */
    public List<String> messages() {
        return messages(Level.ALL);
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
}
