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

/**
 * How one stub database behaves, and what happened to it. Mutable and thread-safe: tests change
 * it while a pool is using it. Every setter returns {@code this} for chaining.
 *
 * <p>Connect failures, in the order they are checked: {@link #down(String)} fails every connect;
 * {@link #failConnects(int, String)} fails the next few; {@link #requirePassword(String)} fails
 * logins with another password with SQLState {@code 28P01}, like PostgreSQL.
 */
public final class StubBehaviour {

    private final String name;

    private volatile long connectDelayNanos;
    private volatile String downState;
    private final AtomicInteger failConnects = new AtomicInteger();
    private volatile String failConnectState = "08001";
    private volatile String requiredPassword;
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
    private final AtomicLong isValidCalls = new AtomicLong();
    private final AtomicLong executes = new AtomicLong();
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

    /** Breaks every open connection: from now on each call on it throws with {@code sqlState}. */
    public StubBehaviour breakAll(String sqlState) {
        for (StubConnection c : openConnections) {
            c.breakWith(sqlState);
        }
        return this;
    }

    /** Back to the defaults; counters are zeroed; open connections stay open. */
    public StubBehaviour reset() {
        connectDelayNanos = 0;
        downState = null;
        failConnects.set(0);
        requiredPassword = null;
        valid = true;
        validationDelayNanos = 0;
        statementDelayNanos = 0;
        executeFailures.set(0);
        rows = 1;
        recordCalls = false;
        connectAttempts.set(0);
        connects.set(0);
        maxOpen.set(open.get());
        isValidCalls.set(0);
        executes.set(0);
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
        return isValidCalls.get();
    }

    /** Statement executions, failed or not. */
    public long executes() {
        return executes.get();
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

    StubConnection connect(Properties info) throws SQLException {
        connectAttempts.incrementAndGet();
        String user = info.getProperty("user");
        String password = info.getProperty("password");
        lastUser = user;
        lastPassword = password;
        long delay = connectDelayNanos;
        if (delay > 0) {
            sleep(delay);
        }
        String down = downState;
        if (down != null) {
            throw new SQLNonTransientConnectionException("Connection to " + name + " refused (stub is down)", down);
        }
        if (failConnects.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new SQLNonTransientConnectionException("Connection to " + name + " failed (stub failure)",
                    failConnectState);
        }
        String required = requiredPassword;
        if (required != null && !required.equals(password)) {
            throw new SQLInvalidAuthorizationSpecException(
                    "FATAL: password authentication failed for user \"" + user + "\"", "28P01");
        }
        StubConnection c = new StubConnection(this, user);
        openConnections.add(c);
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        connects.incrementAndGet();
        return c;
    }

    void closed(StubConnection c) {
        if (openConnections.remove(c)) {
            open.decrementAndGet();
        }
    }

    boolean isValid() throws SQLException {
        isValidCalls.incrementAndGet();
        long delay = validationDelayNanos;
        if (delay > 0) {
            sleep(delay);
        }
        return valid;
    }

    void execute() throws SQLException {
        executes.incrementAndGet();
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
