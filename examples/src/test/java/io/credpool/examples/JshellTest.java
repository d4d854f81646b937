package io.credpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's jshell command runs examples/jshell/quickstart.jsh: a query result, stats, and no password. */
class JshellTest {

    @Test
    void theQuickstartScriptQueriesAndNeverShowsThePassword() {
        TestDb db = TestDb.create("jshell");
        String command = Readme.command("quickstart.jsh");
        assertTrue(command.startsWith("jshell --module-path examples/target/modules --add-modules io.credpool "), command);
        Shell.Result r = Shell.run(command, Map.of("DATABASE_URL", db.url(), "APP_ENV", "development"), Duration.ofSeconds(90));
        assertEquals(0, r.status(), r.output());
        QuickstartTest.assertInOrder(r.output(),
                "pool:  ConnectionPool[127.0.0.1:" + db.cluster().port() + "/" + db.name() + ", total=1",
                "query: connected as " + db.name() + " to " + db.name() + "; the answer is 42",
                "stats: PoolStats[total=1, active=0, idle=1, waiting=0, created=1",
                "closed: true");
        assertFalse(db.leaks(r.output()), r.output());
        assertEquals(0, db.backends(), "the script closed its pool");
    }
}
