package io.credpool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * While the {@link Doctor} runs, the {@code io.credpool} log records (System.Logger is backed by
 * java.util.logging unless the application installs another backend) are kept off every handler
 * and handed to the report, so that no timestamped record lands between its lines. Closing puts
 * the logger's handlers and settings back as they were.
 */
final class LogFold implements AutoCloseable {

    /** A record, as the report shows it. */
    record Entry(String level, String message) {
    }

    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the settings. */
    private final Logger logger = Logger.getLogger("io.credpool");
    private final Handler[] saved = logger.getHandlers();
    private final boolean savedUseParent = logger.getUseParentHandlers();
    private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private volatile boolean dropping;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (!dropping && isLoggable(record)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogFold() {
        for (Handler h : saved) {
            logger.removeHandler(h);
        }
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** While true, records are dropped: the report says the same in its own lines (the pool's start). */
    void dropping(boolean dropping) {
        this.dropping = dropping;
    }

    /** The records captured since the last call, oldest first. */
    List<Entry> drain() {
        List<Entry> out = new ArrayList<>();
        for (LogRecord r; (r = records.poll()) != null; ) {
            Level level = r.getLevel();
            String name = level.intValue() >= Level.WARNING.intValue() ? "warning"
                    : level.intValue() >= Level.INFO.intValue() ? "info" : "debug";
            out.add(new Entry(name, formatter.formatMessage(r).replaceAll("\\s*\\R\\s*", " ").strip()));
        }
        return out;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        for (Handler h : saved) {
            logger.addHandler(h);
        }
        logger.setUseParentHandlers(savedUseParent);
    }
}
