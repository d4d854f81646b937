package io.credpool;

import static io.credpool.StubPools.PASSWORD;
import static io.credpool.StubPools.newDatabase;
import static io.credpool.StubPools.sqlFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.Poll;
import io.credpool.testkit.stub.StubBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A login the database refuses even with fresh credentials: borrowers hear it with the
 * authentication message, which names where the credentials came from (never a password); when
 * no connection is open every waiting borrower hears it at once, while one is lent the others wait
 * for its return.
 */
class PoolRejectionTest {

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
    private static final String CHANGED = "changed-behind-our-back";

    /** What a borrow ended with, and after how long. */
    private record Outcome(SQLException error, long millis) {
        boolean served() {
            return error == null;
        }
    }

    @Test
    void theAuthenticationMessageNamesWhereTheCredentialsCameFrom() {
        String db = newDatabase();
        StubPools.behaviour(db).requirePassword(CHANGED);
        Described source = new Described(new TestCredentialSource(db, PASSWORD), refused -> "store 'orders/db'");
        try (LogCapture log = LogCapture.start()) {
            SQLException e = sqlFailure(() -> ConnectionPool.builder().credentials(source).provider("vault").build());

            assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
            assertTrue(e.getMessage().startsWith("Authentication failed for user 'app' at " + db
                    + " with credentials from vault (store 'orders/db'), also after fetching fresh credentials ("),
                    e.getMessage());
            assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void aDescriptionThatShowsThePasswordOrThrowsIsMaskedOrLeftOut() {
        String db = newDatabase();
        StubPools.behaviour(db).requirePassword(CHANGED);
        Described leaky = new Described(new TestCredentialSource(db, PASSWORD),
                refused -> "lease of " + refused.password());
        SQLException masked = sqlFailure(() -> ConnectionPool.builder().credentials(leaky).provider("vault").build());
        assertTrue(masked.getMessage().contains("with credentials from vault (lease of ****), also after"),
                masked.getMessage());
        assertFalse(LogCapture.stackTrace(masked).contains(PASSWORD));

        Described broken = new Described(new TestCredentialSource(db, PASSWORD), refused -> {
            throw new IllegalStateException("no words");
        });
        SQLException plain = sqlFailure(() -> ConnectionPool.builder().credentials(broken).provider("vault").build());
        assertTrue(plain.getMessage().contains("with credentials from vault, also after"), plain.getMessage());
    }

    @Test
    void whenNoConnectionIsOpenEveryWaitingBorrowerFailsAtOnceWithTheAuthenticationMessage() throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        Described source = new Described(new TestCredentialSource(db, PASSWORD), refused -> "store 'orders/db'");
        try (LogCapture log = LogCapture.start();
             ConnectionPool pool = ConnectionPool.builder().credentials(source).provider("vault").maxSize(4)
                     .acquireTimeout(ACQUIRE_TIMEOUT).build()) {
            stub.requirePassword(CHANGED);
            pool.evictIdle();
            Poll.eventually(Duration.ofSeconds(2), "no connection open", () -> pool.stats().total() == 0);
            // Slow logins: every borrower is waiting before the first refusal, and up to four
            // connects (one per empty slot) are refused while they wait.
            stub.connectDelay(Duration.ofMillis(100));

            List<CompletableFuture<Outcome>> borrowers = borrow(pool, 8);
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> b : borrowers) {
                outcomes.add(b.get(ACQUIRE_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS));
            }

            for (Outcome o : outcomes) {
                SQLException e = assertInstanceOf(SQLInvalidAuthorizationSpecException.class, o.error(),
                        "the authentication failure itself, not a timeout: " + o);
                assertEquals("28P01", e.getSQLState());
                assertTrue(e.getMessage().startsWith("Authentication failed for user 'app' at " + db
                        + " with credentials from vault (store 'orders/db')"), e.getMessage());
                assertTrue(o.millis() < 2_000, "failed at once, not at the " + ACQUIRE_TIMEOUT.toMillis()
                        + " ms timeout: " + o.millis() + " ms");
                assertFalse(LogCapture.stackTrace(e).contains(PASSWORD));
            }
            assertEquals(0, pool.stats().timeouts());
            log.assertNeverContains(PASSWORD);
        }
    }

    @Test
    void whileAConnectionIsLentOnlyTheRefusedConnectsWaiterFailsAndTheOthersGetTheReturnedConnection()
            throws Exception {
        String db = newDatabase();
        StubBehaviour stub = StubPools.behaviour(db);
        TestCredentialSource source = new TestCredentialSource(db, PASSWORD);
        try (ConnectionPool pool = ConnectionPool.builder().credentials(source).maxSize(2)
                .acquireTimeout(ACQUIRE_TIMEOUT).build()) {
            Connection held = pool.getConnection();
            // The password changed; sessions already open keep working.
            stub.requirePassword(CHANGED).connectDelay(Duration.ofMillis(100));
            long attemptsBefore = stub.connectAttempts();

            List<CompletableFuture<Outcome>> borrowers = borrow(pool, 4);
            Poll.eventually(Duration.ofSeconds(3), "a refused connect told to a borrower",
                    () -> borrowers.stream().anyMatch(CompletableFuture::isDone));
            Thread.sleep(100);
            long failedBeforeReturn = borrowers.stream().filter(CompletableFuture::isDone).count();
            held.close();

            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> b : borrowers) {
                outcomes.add(b.get(ACQUIRE_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS));
            }
            long refusedConnects = (stub.connectAttempts() - attemptsBefore) / 2;
            List<Outcome> failed = outcomes.stream().filter(o -> !o.served()).toList();
            for (Outcome o : failed) {
                assertInstanceOf(SQLInvalidAuthorizationSpecException.class, o.error(), o.toString());
            }
            assertTrue(failed.size() >= 1 && failed.size() <= refusedConnects,
                    "one borrower per refused connect (" + refusedConnects + "): " + outcomes);
            assertEquals(failed.size(), failedBeforeReturn, "none failed once the connection was back: " + outcomes);
            assertTrue(outcomes.size() - failed.size() >= 2, "the others are served by the returned one: " + outcomes);
            assertEquals(0, pool.stats().timeouts());
        }
    }

    /** {@code n} borrowers on their own threads; each gives its connection back at once. */
    private static List<CompletableFuture<Outcome>> borrow(ConnectionPool pool, int n) {
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try (Connection c = pool.getConnection()) {
                    return new Outcome(null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                } catch (SQLException e) {
                    return new Outcome(e, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            }, task -> new Thread(task).start()));
        }
        return all;
    }

    /** A source that says where its credentials come from as {@code words} does. */
    private static final class Described implements CredentialSource {

        private final TestCredentialSource delegate;
        private final Function<Credentials, String> words;

        Described(TestCredentialSource delegate, Function<Credentials, String> words) {
            this.delegate = delegate;
            this.words = words;
        }

        @Override
        public DatabaseConfig config() {
            return delegate.config();
        }

        @Override
        public Credentials credentials() {
            return delegate.credentials();
        }

        @Override
        public void invalidate(Credentials rejected) {
            delegate.invalidate(rejected);
        }

        @Override
        public String describe(Credentials refused) {
            return words.apply(refused);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
