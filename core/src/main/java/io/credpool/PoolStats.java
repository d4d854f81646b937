package io.credpool;

/**
 * A point-in-time snapshot of a pool, for dashboards, health checks and error messages.
 *
 * @param total          physical connections open or being opened
 * @param active         connections borrowed right now
 * @param idle           connections ready to be borrowed
 * @param waiting        threads waiting for a connection
 * @param created        physical connections opened since the pool started
 * @param closed         physical connections closed since the pool started
 * @param timeouts       borrows that gave up after the acquire timeout
 * @param failedConnects physical connection attempts that failed
 */
public record PoolStats(int total, int active, int idle, int waiting,
                        long created, long closed, long timeouts, long failedConnects) {

    /** The live counts in the form used by pool messages: {@code total=5, active=5, idle=0, waiting=3}. */
    public String counts() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }
}
