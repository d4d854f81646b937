package io.credpool;

import static org.junit.jupiter.api.Assertions.fail;

import io.credpool.TortureViolations.Kind;
import io.credpool.testkit.LogCapture;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A seeded, randomized torture test of the pool through its public API: it knows no pool bug,
 * only the pool's contract, and checks it while many borrowers (platform threads, and virtual
 * threads on JDKs that have them) misuse a small pool and the stub driver fails and hangs at
 * random. One round is one pool; see {@link TortureRound} for its phases and
 * {@link TortureViolations.Kind} for the invariants:
 *
 * <ul>
 *   <li>no physical connection is lent to two borrowers at once, and no harness thread other than
 *       its borrower (nor, until close, any pool thread) calls the driver on a lent connection;</li>
 *   <li>every call on a handle given back (connection, statement, result set, metadata) throws an
 *       SQLException saying closed, or answers as JDBC says a closed handle does, and none
 *       reaches the driver;</li>
 *   <li>{@code getConnection()} ends within acquireTimeout + 100 ms, {@code close()} within
 *       shutdownTimeout + 1 s, whatever the driver does, both without spinning (less than 30% CPU
 *       over waits of 200 ms or more), allowing only the JVM/OS stalls measured meanwhile;</li>
 *   <li>{@code stats().total()}, and the physical connections the pool opened and never tried to
 *       close, never exceed maxSize (with a resizer calling {@code pool.resize(1..6)} at random:
 *       the largest size set so far, since a shrink leaves borrowed connections to their
 *       borrowers);</li>
 *   <li>at quiescence: nothing lent or waiting, every slot idle, slots = physical connections
 *       opened and never closed or aborted by the pool (a close the driver failed or that hung
 *       still counts as closed by the pool: the stub's own open count cannot be used exactly),
 *       no more of them than the size the pool was last resized to, and that many connections
 *       can be borrowed at once;</li>
 *   <li>a borrow that begins after a {@code pool.evictIdle()} (called at random by one or two
 *       threads) returned never gets a physical connection that was open when it was called;</li>
 *   <li>with a suspender calling {@code pool.suspend()} and, a little later, {@code resume()} at
 *       random: a borrow that begins after a {@code suspend()} returned and ends before the next
 *       {@code resume()} begins gets nothing, none gets a connection open when a
 *       {@code suspend()} was called, no connect begins in between (unless the suspend() gave
 *       up waiting at its shutdown-timeout bound), and a {@code suspend()} at quiescence leaves
 *       no physical connection the pool did not close;</li>
 *   <li>after {@code close()} and the hangs: no thread of the pool and no physical connection it
 *       did not close or abort is left;</li>
 *   <li>the pool throws nothing but SQLExceptions and what the driver threw, and never shows the
 *       password in an exception or a log record.</li>
 * </ul>
 *
 * <p><b>Seeds.</b> Three fixed seeds and one random one, each printed in every failure message.
 * A seed fixes each round's settings, load and fault rates and each borrower's choices; thread
 * interleavings and which calls fail are not replayable, so a replay finds the same bug
 * statistically rather than step by step. Replay with {@code -Dcredpool.torture.seed=N}
 * (optionally {@code -Dcredpool.torture.round=R} to start at round R).
 *
 * <p><b>Duration.</b> {@code -Dcredpool.torture.seconds} (default 44) split evenly between the
 * seeds; a round is not started once a seed's share is used up. A seed stops at the end of the
 * first round that found a violation, unless {@code -Dcredpool.torture.keepGoing=true}, which
 * goes on and reports when each kind of violation was first found.
 */
class PoolTortureTest {

    private static final long[] FIXED_SEEDS = {1, 2, 3};
    private static final long DEFAULT_SECONDS = 44;

    private static PauseMeter pauses;
    private static volatile TortureRound current;
    private static final Logger POOL_LOG = Logger.getLogger("io.credpool");
    private static Level oldLevel;
    private static boolean oldUseParents;
    private static Thread.UncaughtExceptionHandler oldHandler;
    private static final List<String> SUMMARY = new ArrayList<>();
    /** Set once a round left threads stuck in a pool: they may burn CPU, so no timing can be trusted after. */
    private static volatile String poisonedBy;

    /** Keeps the pool's log off the console and checks every record for the password. */
    private static final Handler LOG_CHECK = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            TortureRound round = current;
            if (round == null) {
                return;
            }
            StringBuilder text = new StringBuilder(String.valueOf(formatter.formatMessage(r)));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                text.append('\n').append(t);
            }
            if (text.toString().contains(StubPools.PASSWORD)) {
                round.violations.add(Kind.PASSWORD_LEAK, "a " + r.getLevel() + " log record shows the password: " + text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        pauses = new PauseMeter();
        oldLevel = POOL_LOG.getLevel();
        oldUseParents = POOL_LOG.getUseParentHandlers();
        POOL_LOG.setLevel(Level.ALL);
        POOL_LOG.setUseParentHandlers(false);
        POOL_LOG.addHandler(LOG_CHECK);
        oldHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(PoolTortureTest::uncaught);
        warmUp();
        if (!TortureRound.measuresCpu()) {
            SUMMARY.add("WARNING: this JVM cannot measure thread CPU time: the SPIN invariant was not checked");
        }
    }

    @AfterAll
    static void stop() {
        Thread.setDefaultUncaughtExceptionHandler(oldHandler);
        POOL_LOG.removeHandler(LOG_CHECK);
        POOL_LOG.setLevel(oldLevel);
        POOL_LOG.setUseParentHandlers(oldUseParents);
        pauses.close();
        System.out.println("PoolTortureTest summary:");
        SUMMARY.forEach(line -> System.out.println("  " + line));
    }

    /**
     * An exception no one caught, on a pool thread: the pool's own failure unless the driver threw
     * it (a driver Error killing a pool thread is judged by its consequences: leaks, stuck closes).
     */
    private static void uncaught(Thread thread, Throwable t) {
        TortureRound round = current;
        if (round == null || TortureFaults.isInjected(t)) {
            return;
        }
        Kind kind = thread.getName().startsWith("credpool-") ? Kind.UNEXPECTED_THROWABLE : Kind.HARNESS;
        round.violations.add(kind, "uncaught on " + thread.getName() + ": " + LogCapture.stackTrace(t));
    }

    /** Loads the classes on the paths the test times, so that class loading is not taken for spinning. */
    private static void warmUp() throws Exception {
        try (ConnectionPool pool = StubPools.builder(StubPools.newDatabase()).maxSize(2).build()) {
            for (int i = 0; i < 200; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                    DatabaseMetaData md = c.getMetaData();
                    md.getTables(null, null, "%", null).close();
                    c.prepareStatement("select 1").executeQuery().close();
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> tortureThePool() {
        Long only = Long.getLong("credpool.torture.seed");
        List<Long> seeds = new ArrayList<>();
        if (only != null) {
            seeds.add(only);
        } else {
            for (long s : FIXED_SEEDS) {
                seeds.add(s);
            }
            seeds.add(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }
        long total = TimeUnit.SECONDS.toNanos(Long.getLong("credpool.torture.seconds", DEFAULT_SECONDS));
        long perSeed = total / seeds.size();
        int firstRound = Integer.getInteger("credpool.torture.round", 1);
        boolean keepGoing = Boolean.getBoolean("credpool.torture.keepGoing");
        return seeds.stream().map(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> torture(seed, firstRound, perSeed, keepGoing)));
    }

    private static void torture(long seed, int firstRound, long budgetNanos, boolean keepGoing) {
        String poison = poisonedBy;
        if (poison != null) {
            SUMMARY.add("seed " + seed + ": not run, " + poison);
            Assumptions.abort("not run: " + poison);
        }
        Random rounds = new Random(seed);
        for (int skipped = 1; skipped < firstRound; skipped++) {
            rounds.nextLong();
        }
        long start = System.nanoTime();
        Map<Kind, Long> firstFound = new EnumMap<>(Kind.class);
        StringBuilder failures = new StringBuilder();
        int round = firstRound;
        int ran = 0;
        long[] operations = new long[4];
        for (; System.nanoTime() - start < budgetNanos; round++) {
            TortureParams params = TortureParams.draw(rounds.nextLong(), TortureRound.virtualThreads());
            TortureRound r = new TortureRound(round, params, pauses);
            current = r;
            long roundStart = System.nanoTime();
            TortureViolations v = r.run();
            current = null;
            ran++;
            operations[0] += r.borrows.sum();
            operations[1] += r.evictions.sum();
            operations[2] += r.suspensions.sum();
            operations[3] += r.resizes.sum();
            if (v.isEmpty()) {
                continue;
            }
            v.firstSeen().forEach((kind, at) -> firstFound.putIfAbsent(kind, at - start));
            failures.append(String.format("seed %d round %d (replay: -Dcredpool.torture.seed=%d "
                            + "-Dcredpool.torture.round=%d), %.1f s into the seed, %.1f s into the round:%n  %s%n  %s%n%s",
                    seed, round, seed, round, seconds(roundStart - start), seconds(System.nanoTime() - roundStart),
                    params.describe(), r.counts(), v.report()));
            if (r.poisoned) {
                poisonedBy = "seed " + seed + " round " + round + " left threads in its pool (stuck or still running)";
            }
            if (!keepGoing || r.poisoned) {
                round++;
                break;
            }
        }
        StringBuilder found = new StringBuilder();
        firstFound.forEach((kind, nanos) -> found.append(String.format(" %s after %.1f s;", kind, seconds(nanos))));
        String summary = String.format("seed %d: %d round(s) (%d to %d) in %.1f s, %d borrows, %d evictIdle, "
                        + "%d suspend, %d resize; %s", seed, ran, firstRound, round - 1,
                seconds(System.nanoTime() - start), operations[0], operations[1], operations[2], operations[3],
                firstFound.isEmpty() ? "no violation" : "found" + found);
        SUMMARY.add(summary);
        System.out.println(summary);
        if (failures.length() > 0) {
            fail(TortureViolations.scrub("PoolTortureTest " + summary + "\n" + failures));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
