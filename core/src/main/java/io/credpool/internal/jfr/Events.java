package io.credpool.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * The pool's JDK Flight Recorder events, category {@code credpool}, names as in the design
 * ({@code io.credpool.ConnectionAcquire}, ...). Every event carries the pool's name; none carries
 * a secret (reasons are redacted before they get here).
 */
final class Events {

    private Events() {
    }

    @Category("credpool")
    @StackTrace(false)
    abstract static class PoolEvent extends Event {
        @Label("Pool")
        String pool;
    }

    @Name("io.credpool.ConnectionAcquire")
    @Label("Connection Acquire")
    @Description("A borrow that took longer than the threshold: the wait for a connection, validation included")
    @Threshold("10 ms")
    @StackTrace(true)
    static final class ConnectionAcquire extends PoolEvent {
    }

    @Name("io.credpool.ConnectionCreate")
    @Label("Connection Create")
    @Description("A new physical connection: credentials, TCP, TLS and login")
    static final class ConnectionCreate extends PoolEvent {
    }

    @Name("io.credpool.ConnectionCreateFailed")
    @Label("Connection Create Failed")
    @Description("A physical connect that failed; the pool retries while it needs the connection")
    static final class ConnectionCreateFailed extends PoolEvent {
        @Label("Reason")
        String reason;
        @Label("Attempt")
        int attempt;
    }

    @Name("io.credpool.AcquireTimeout")
    @Label("Acquire Timeout")
    @Description("A borrower got no connection within the acquire timeout")
    @StackTrace(true)
    static final class AcquireTimeout extends PoolEvent {
        @Label("Waited")
        @Timespan(Timespan.NANOSECONDS)
        long waited;
    }

    @Name("io.credpool.ConnectionEvict")
    @Label("Connection Evict")
    @Description("The pool closed a connection before its time")
    static final class ConnectionEvict extends PoolEvent {
        @Label("Reason")
        String reason;
    }

    @Name("io.credpool.ConnectionLeak")
    @Label("Connection Leak")
    @Description("A connection borrowed for longer than the leak threshold")
    static final class ConnectionLeak extends PoolEvent {
        @Label("Held")
        @Timespan(Timespan.NANOSECONDS)
        long held;
        @Label("Borrowing Thread")
        String thread;
    }

    @Name("io.credpool.CredentialFetch")
    @Label("Credential Fetch")
    @Description("The pool asked its credential source for credentials")
    static final class CredentialFetch extends PoolEvent {
        @Label("Provider")
        String provider;
        @Label("Succeeded")
        boolean succeeded;
    }

    @Name("io.credpool.PoolStatistics")
    @Label("Pool Statistics")
    @Description("The pool's counts, every second while a recording wants them")
    @Period("1 s")
    @Enabled(true)
    static final class PoolStatistics extends PoolEvent {
        @Label("Total")
        int total;
        @Label("Active")
        int active;
        @Label("Idle")
        int idle;
        @Label("Waiting")
        int waiting;
        @Label("Created")
        long created;
        @Label("Closed")
        long closed;
        @Label("Timeouts")
        long timeouts;
        @Label("Failed Connects")
        long failedConnects;
    }
}
