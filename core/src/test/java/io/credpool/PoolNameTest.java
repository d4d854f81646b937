package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.builder;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Builder.name}: how a pool is told apart from the others in logs and messages. */
class PoolNameTest {

    @Test
    void aPoolWithoutANameIsNamedForItsTarget() throws Exception {
        String db = newDatabase();
        try (ConnectionPool pool = builder(db).build()) {
            assertEquals(db, pool.name());
        }
    }

    @Test
    void aNamedPoolShowsItsNameBesideTheTargetInLogsMessagesAndToString() throws Exception {
        String db = newDatabase();
        StubPools.behaviour(db).failConnects(1, "08001");
        try (LogCapture log = LogCapture.start()) {
            try (ConnectionPool pool = builder(db).name("orders").maxSize(1).acquireTimeout(Duration.ofMillis(50)).build()) {
                assertEquals("orders", pool.name());
                assertTrue(pool.toString().startsWith("ConnectionPool[orders (" + db + "), total=1"), pool.toString());
                try (Connection c = pool.getConnection()) {
                    SQLException timeout = sqlFailure(pool::getConnection);
                    assertTrue(timeout.getMessage().contains("orders (" + db + ")"), timeout.getMessage());
                }
            }
            assertTrue(log.messages().size() >= 3, log.messages()::toString);
            for (String line : log.messages()) {
                assertTrue(line.contains("orders"), "every line names the pool: " + line);
            }
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aBlankLongOrControlCharacterNameIsRejectedWithTheRule() {
        for (String bad : new String[] {"", "  ", "x".repeat(101), "line\nbreak", "tab\there"}) {
            DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                    () -> ConnectionPool.builder().name(bad));
            assertTrue(e.getMessage().startsWith("name(...) must be 1 to 100 characters"), e.getMessage());
        }
        assertEquals("tenant-42 / eu", ConnectionPool.builder().name("tenant-42 / eu").toString()
                .replaceAll(".*name=([^,\\]]*).*", "$1"));
    }
}
