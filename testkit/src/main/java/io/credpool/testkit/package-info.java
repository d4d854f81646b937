/**
 * Test-only helpers for credpool's integration tests and benchmarks; never a runtime dependency.
 *
 * <ul>
 *   <li>{@link io.credpool.testkit.PgCluster}: a throwaway PostgreSQL cluster with SCRAM-SHA-256
 *       authentication on a random loopback port, which can be stopped, restarted and crashed,
 *       and which never outlives its JVM; {@link io.credpool.testkit.PgCluster#shared()} for the
 *       common case.</li>
 *   <li>{@link io.credpool.testkit.PgBouncer}: a real PgBouncer in transaction mode in front of a
 *       cluster ({@link io.credpool.testkit.PgCluster#pgBouncer(int, String...)}), with SCRAM
 *       authentication and restarts, stopped with its cluster.</li>
 *   <li>{@link io.credpool.testkit.PgBinaries}: where the server programs come from
 *       ({@code PG_BIN}, {@code PATH}, {@code /usr/lib/postgresql}, or the embedded jar).</li>
 *   <li>{@link io.credpool.testkit.FaultProxy}: a TCP proxy that cuts, refuses, stalls or delays
 *       connections, to test how a pool handles a misbehaving network.</li>
 *   <li>{@link io.credpool.testkit.LogCapture}: what credpool logs during a block, to check a line
 *       was logged and that no secret was, in any message or stack trace.</li>
 *   <li>{@link io.credpool.testkit.Poll}: waits for what another thread does, with a deadline and a
 *       message saying what was awaited.</li>
 * </ul>
 *
 * <p>Running as root (containers, CI) is supported: the server runs in a user namespace as a
 * non-root uid, which needs {@code unshare} from util-linux.
 */
package io.credpool.testkit;
