package io.credpool;

import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.testkit.Poll.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Leak detection: a connection held past the threshold is reported with the stack of its borrow. */
class PoolLeakTest {

    @Test
    void reportsALeakWithTheStackOfTheBorrowAndAgainWhenItComesBack() throws Exception {
        String db = newDatabase();
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).leakThreshold(Duration.ofMillis(100)).build()) {
            Connection leaked = borrowAndForget(pool);
            eventually(Duration.ofSeconds(3), "leak reported",
                    () -> !log.matching(m -> m.startsWith("Connection leak detection")).isEmpty());
            LogRecord warning = log.matching(m -> m.startsWith("Connection leak detection")).get(0);
            assertEquals(Level.WARNING, warning.getLevel());
            assertTrue(warning.getMessage().contains("a connection to " + db + " was borrowed "), warning.getMessage());
            assertTrue(warning.getMessage().contains("by thread " + Thread.currentThread().getName()));
            assertTrue(Arrays.stream(warning.getThrown().getStackTrace())
                    .anyMatch(e -> e.getMethodName().equals("borrowAndForget")), "stack of the borrow");

            Thread.sleep(200);
            assertEquals(1, log.matching(m -> m.startsWith("Connection leak detection")).size(), "reported once");

            leaked.close();
            List<String> info = log.messagesAt(Level.INFO);
            assertTrue(info.stream().anyMatch(m -> m.startsWith("Previously reported leaked connection to " + db
                    + " was returned after ")), info.toString());
        }
    }

    @Test
    void saysNothingAboutConnectionsReturnedInTime() throws Exception {
        String db = newDatabase();
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = builder(db).leakThreshold(Duration.ofMillis(300)).build()) {
            for (int i = 0; i < 5; i++) {
                pool.getConnection().close();
            }
            Thread.sleep(400);
            assertTrue(log.matching(m -> m.contains("leak")).isEmpty(), log.everything());
        }
    }

    private static Connection borrowAndForget(ConnectionPool pool) throws SQLException {
        return pool.getConnection();
    }
}
