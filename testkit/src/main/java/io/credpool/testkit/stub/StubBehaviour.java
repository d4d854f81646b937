package io.credpool.testkit.stub;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one stub database behaves, and what happened to it. Mutable and thread-safe: tests change
 * it while a pool is using it. Every setter returns {@code this} for chaining.
 *
 * <p>Connect failures, in the order they are checked: {@link #down(String)} fails every connect;
 * {@link #failConnects(int, String)} fails the next few; {@link #requirePassword(String)} fails
 * logins with another password with SQLState {@code 28P01}, like PostgreSQL.
 *
 * <p>Any other fault, on any driver call, is injected with {@link #faults(StubFault)}; every call
 * can be watched with {@link #onCall(StubCallListener)}. Unset, these cost each call one volatile
 * read.
 */
public final class StubBehaviour {

    private static final AtomicReferenceFieldUpdater<StubBehaviour, Hooks> HOOKS =
            AtomicReferenceFieldUpdater.newUpdater(StubBehaviour.class, Hooks.class, "hooks");

    private final String name;
    /** The listener and fault, or {@code null} for none: read once per driver call. */
    private volatile Hooks hooks;

    private volatile long connectDelayNanos;
    private volatile String downState;
    private final AtomicInteger failConnects = new AtomicInteger();
    private volatile String failConnectState = "08001";
    private volatile String requiredPassword;
    private volatile boolean echoProperties;
    private volatile boolean valid = true;
    private volatile long validationDelayNanos;
    volatile long statementDelayNanos;
    private volatile String executeFailureState;
    private final AtomicInteger executeFailures = new AtomicInteger();
    volatile int rows = 1;
    volatile boolean recordCalls;

    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    // Incremented by every thread of a benchmark: adders, so the stub does not become the bottleneck.
    private final LongAdder isValidCalls = new LongAdder();
    private final LongAdder executes = new LongAdder();
    private final Set<StubConnection> openConnections = ConcurrentHashMap.newKeySet();
    private volatile String lastUser;
    private volatile String lastPassword;

    StubBehaviour(String name) {
        this.name = name;
    }

    /** The database name this behaviour belongs to. */
    public String name() {
        return name;
    }

    // ---- tuning -------------------------------------------------------------------------

    /** Every connect takes this long before it succeeds or fails. */
    public StubBehaviour connectDelay(Duration delay) {
        connectDelayNanos = delay.toNanos();
        return this;
    }

    /** While {@code sqlState} is not null, every connect fails with it, as if the server were down. */
    public StubBehaviour down(String sqlState) {
        downState = sqlState;
        return this;
    }

    /** Connects succeed again (undoes {@link #down(String)}). */
    public StubBehaviour up() {
        downState = null;
        return this;
    }

    /** The next {@code count} connects fail with {@code sqlState}, e.g. {@code 08001}. */
    public StubBehaviour failConnects(int count, String sqlState) {
        failConnectState = sqlState;
        failConnects.set(count);
        return this;
    }

    /** Logins with another password fail with SQLState {@code 28P01}; {@code null} accepts any. */
    public StubBehaviour requirePassword(String password) {
        requiredPassword = password;
        return this;
    }

    /**
     * Whether failed connects put the connection properties, password included, into their
     * messages, as some drivers do: for tests that the pool never lets such a message out.
     */
    public StubBehaviour echoProperties(boolean echo) {
        echoProperties = echo;
        return this;
    }

    /** What {@code isValid} answers on open, unbroken connections. */
    public StubBehaviour valid(boolean valid) {
        this.valid = valid;
        return this;
    }

    /** {@code isValid} takes this long. */
    public StubBehaviour validationDelay(Duration delay) {
        validationDelayNanos = delay.toNanos();
        return this;
    }

    /** Every statement execution takes this long. */
    public StubBehaviour statementDelay(Duration delay) {
        statementDelayNanos = delay.toNanos();
        return this;
    }

    /** The next {@code count} statement executions throw an SQLException with {@code sqlState}. */
    public StubBehaviour failExecutes(int count, String sqlState) {
        executeFailureState = sqlState;
        executeFailures.set(count);
        return this;
    }

    /** Rows in every result set (default 1); column values are the row number. */
    public StubBehaviour rows(int rows) {
        this.rows = rows;
        return this;
    }

    /** Record the name of every method called on connections opened from now on; see {@link StubConnection#calls()}. */
    public StubBehaviour recordCalls(boolean record) {
        recordCalls = record;
        return this;
    }

    /**
     * Injects {@code fault} at the start of every driver call on this database from now on, in
     * place of the previous one; {@code null} removes it. Combine several with
     * {@link StubFault#and(StubFault)}. Calls already under way are not affected.
     */
    public StubBehaviour faults(StubFault fault) {
        HOOKS.updateAndGet(this, h -> Hooks.withFault(h, fault));
        return this;
    }

    /**
     * Tells {@code listener} about every driver call on this database from now on, in place of the
     * previous one; {@code null} removes it. It hears of a call before the {@link #faults fault} runs.
     */
    public StubBehaviour onCall(StubCallListener listener) {
        HOOKS.updateAndGet(this, h -> Hooks.withListener(h, listener));
        return this;
    }

    /** Breaks every open connection: from now on each call on it throws with {@code sqlState}. */
    public StubBehaviour breakAll(String sqlState) {
        for (StubConnection c : openConnections) {
            c.breakWith(sqlState);
        }
        return this;
    }

    /** Back to the defaults, with no fault and no listener; counters are zeroed; open connections stay open. */
    public StubBehaviour reset() {
        hooks = null;
        connectDelayNanos = 0;
        downState = null;
        failConnects.set(0);
        requiredPassword = null;
        echoProperties = false;
        valid = true;
        validationDelayNanos = 0;
        statementDelayNanos = 0;
        executeFailures.set(0);
        rows = 1;
        recordCalls = false;
        connectAttempts.set(0);
        connects.set(0);
        maxOpen.set(open.get());
        isValidCalls.reset();
        executes.reset();
        return this;
    }

    // ---- inspection ---------------------------------------------------------------------

    /** Connect attempts, failed or not. */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** Successful connects. */
    public long connects() {
        return connects.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** The most connections that were open at once. */
    public int maxOpenConnections() {
        return maxOpen.get();
    }

    /** Calls of {@code isValid}. */
    public long isValidCalls() {
        return isValidCalls.sum();
    }

    /** Statement executions, failed or not. */
    public long executes() {
        return executes.sum();
    }

    /** The connections open now, in no particular order. */
    public List<StubConnection> connections() {
        return List.copyOf(openConnections);
    }

    /** The {@code user} property of the last connect attempt. */
    public String lastUser() {
        return lastUser;
    }

    /** The {@code password} property of the last connect attempt. */
    public String lastPassword() {
        return lastPassword;
    }

    // ---- driver side --------------------------------------------------------------------

    /**
     * Runs the hooks at the start of the driver call {@code type.method}; a no-op costing one
     * volatile read when none is set (the name is only built when one is).
     */
    void enter(String type, String method, StubConnection connection) {
        Hooks h = hooks;
        if (h != null) {
            h.run(type + "." + method, connection);
        }
    }

    StubConnection connect(Properties info) throws SQLException {
        connectAttempts.incrementAndGet();
        String user = info.getProperty("user");
        String password = info.getProperty("password");
        lastUser = user;
        lastPassword = password;
        enter("Driver", "connect", null);
        long delay = connectDelayNanos;
        if (delay > 0) {
            sleep(delay);
        }
        String down = downState;
        if (down != null) {
            throw new SQLNonTransientConnectionException("Connection to " + name + " refused (stub is down)"
                    + echo(info), down);
        }
        if (failConnects.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new SQLNonTransientConnectionException("Connection to " + name + " failed (stub failure)"
                    + echo(info), failConnectState);
        }
        String required = requiredPassword;
        if (required != null && !required.equals(password)) {
            throw new SQLInvalidAuthorizationSpecException(
                    "FATAL: password authentication failed for user \"" + user + "\"" + echo(info), "28P01");
        }
        StubConnection c = new StubConnection(this, user);
        openConnections.add(c);
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        connects.incrementAndGet();
        return c;
    }

    private String echo(Properties info) {
        return echoProperties ? " with properties " + info : "";
    }

    void closed(StubConnection c) {
        if (openConnections.remove(c)) {
            open.decrementAndGet();
        }
    }

    boolean isValid() throws SQLException {
        isValidCalls.increment();
        long delay = validationDelayNanos;
        if (delay > 0) {
            sleep(delay);
        }
        return valid;
    }

    void execute() throws SQLException {
        executes.increment();
        long delay = statementDelayNanos;
        if (delay > 0) {
            sleep(delay);
        }
        if (executeFailures.get() > 0 && executeFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new SQLException("stub statement failure", executeFailureState);
        }
    }

    static void sleep(long nanos) throws SQLException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", "57014", e);
        }
    }

    @Override
    public String toString() {
        return "StubBehaviour[" + name + ", open=" + open.get() + ", connects=" + connects.get() + "]";
    }
}
