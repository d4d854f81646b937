package io.credpool.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real PgBouncer (the Debian package {@code pgbouncer}, which {@code .ci/run} installs) in front
 * of a {@link PgCluster}, as many production setups have it: <strong>transaction pooling</strong>,
 * SCRAM-SHA-256 authentication against an {@code auth_file} that holds the roles' verifiers copied
 * from {@code pg_authid}, a random loopback port, and the same non-root launch as the server.
 *
 * <p>Create one with {@link PgCluster#pgBouncer(int, String...)}. Every database name is routed to
 * the cluster ({@code * = host=127.0.0.1 port=...}). Each client connection gets a server
 * connection only for the length of one transaction; at most {@code serverPoolSize} server
 * connections are opened per role and database, so client connections share them. Because the
 * verifiers in the auth file are the server's own, PgBouncer logs in to PostgreSQL with the keys of
 * the client's SCRAM exchange: no password is written anywhere.
 *
 * <p>No {@code ignore_startup_parameters}: PgBouncer refuses a login that carries a startup
 * parameter it does not track, and the tests show what pgjdbc's logins need as they are.
 *
 * <p>The bouncer lives in a directory inside its cluster's, is stopped when the cluster is
 * {@linkplain PgCluster#close() closed} (or by the cluster's shutdown hook) and is killed by the
 * next JVM's {@link PgCluster#reapOrphans()} when its JVM died. Thread-safe; lifecycle methods are
 * serialized.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    /** Where Debian's package puts it; used when {@code pgbouncer} is not on the {@code PATH}. */
    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/pgbouncer");

    private final PgCluster cluster;
    private final Path dir;
    private final int serverPoolSize;
    private final List<String> roles;
    private final Path binary;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Process process;
    private volatile int port;
    private boolean closed;

    PgBouncer(PgCluster cluster, Path dir, int serverPoolSize, List<String> roles) {
        if (serverPoolSize < 1) {
            throw new IllegalArgumentException("serverPoolSize must be at least 1: " + serverPoolSize);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("name at least one role that logs in through PgBouncer");
        }
        this.cluster = cluster;
        this.dir = dir;
        this.serverPoolSize = serverPoolSize;
        this.roles = List.copyOf(roles);
        this.binary = locate();
    }

    /**
     * Writes the configuration and auth file, then starts PgBouncer and waits until it accepts
     * connections. After {@link #stop()} it listens on the same port again. Does nothing if running.
     *
     * @throws PgClusterException if PgBouncer exits or does not listen within 30 s
     * @throws IllegalStateException if closed
     */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this PgBouncer was closed");
            }
            if (isRunning()) {
                return;
            }
            writeAuthFile();
            if (port != 0) {
                launch(false);
                return;
            }
            // A free port can be taken between probing and binding: only the first start may move.
            for (int attempt = 1; ; attempt++) {
                port = PgCluster.freePort();
                if (launch(attempt < PORT_ATTEMPTS)) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops PgBouncer with SIGTERM, its immediate shutdown: every client and server connection is
     * closed at once, as when the process is redeployed or its host goes away. Does nothing if not
     * running.
     */
    public void stop() {
        lock.lock();
        try {
            Process running = process;
            process = null;
            if (running == null || !running.isAlive()) {
                return;
            }
            running.destroy(); // SIGTERM
            try {
                if (running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<ProcessHandle> survivors = Signals.killTree(running.toHandle(), Duration.ofSeconds(10));
            if (!survivors.isEmpty()) {
                throw new PgClusterException("PgBouncer (pid " + running.pid() + ") survived SIGKILL: " + survivors);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link #stop()}, then {@link #start()} on the same port. */
    public void restart() {
        lock.lock();
        try {
            stop();
            start();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the PgBouncer process is alive */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** @return the loopback port clients connect to; the same across restarts */
    public int port() {
        return port;
    }

    /**
     * @param database a database of the cluster
     * @return {@code jdbc:postgresql://127.0.0.1:<bouncer port>/<database>}, with no credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the file receiving PgBouncer's log */
    public Path logFile() {
        return dir.resolve("pgbouncer.log");
    }

    /** Stops PgBouncer; it cannot be started again. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stop();
        } finally {
            lock.unlock();
        }
    }

    /** @return port, pool size and state, for failure messages */
    @Override
    public String toString() {
        return "PgBouncer[port=" + port + ", pool_mode=transaction, default_pool_size=" + serverPoolSize
                + (isRunning() ? ", running" : ", stopped") + "]";
    }

    /** The process, for the cluster's shutdown hook when it cannot take the lock. */
    Process process() {
        return process;
    }

    private boolean launch(boolean mayRetryOnBindFailure) {
        Path ini = dir.resolve("pgbouncer.ini");
        long logOffset;
        Process started;
        try {
            Files.writeString(ini, config(), StandardCharsets.UTF_8);
            logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
            ProcessBuilder builder = new ProcessBuilder(NonRootLauncher.wrap(List.of(binary.toString(), ini.toString())))
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            started = builder.start();
            // For OrphanReaper: unshare execs PgBouncer, so this pid is PgBouncer's.
            Files.writeString(dir.resolve(ClusterDirectory.BOUNCER_PID), started.pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PgClusterException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        process = started;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!started.isAlive()) {
                process = null;
                String tail = logSince(logOffset);
                if (mayRetryOnBindFailure && tail.contains("Address already in use")) {
                    return false;
                }
                throw new PgClusterException("PgBouncer exited during startup (exit " + started.exitValue() + ", port "
                        + port + "); its log:\n" + tail);
            }
            if (listening()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                process = null;
                Signals.killTree(started.toHandle(), Duration.ofSeconds(10));
                throw new PgClusterException("PgBouncer did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; its log:\n" + logSince(logOffset));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgClusterException("interrupted while waiting for PgBouncer", e);
            }
        }
    }

    private String config() {
        return String.join("\n",
                "; credpool testkit: PgBouncer in transaction mode in front of one throwaway cluster.",
                "[databases]",
                "* = host=127.0.0.1 port=" + cluster.port(),
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = scram-sha-256",
                "auth_file = " + dir.resolve("userlist.txt"),
                "pool_mode = transaction",
                "default_pool_size = " + serverPoolSize,
                "max_client_conn = 500",
                // After a server-side failure, try again at once rather than after the default 15 s.
                "server_login_retry = 1",
                "log_connections = 0",
                "log_disconnections = 0",
                "");
    }

    /** {@code "role" "SCRAM-SHA-256$..."} for every role, as {@code pg_authid} stores it now. */
    private void writeAuthFile() {
        Map<String, String> verifiers = new TreeMap<>();
        String sql = "SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY (?)";
        try (Connection c = cluster.superuserConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", roles.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    verifiers.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new PgClusterException("cannot read the verifiers of " + roles + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        for (String role : roles) {
            String verifier = verifiers.get(role);
            if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
                throw new PgClusterException("role " + role + " has no SCRAM-SHA-256 password: createRole() it first");
            }
            lines.add(quoted(role) + " " + quoted(verifier));
        }
        try {
            Files.write(dir.resolve("userlist.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PgClusterException("cannot write PgBouncer's auth file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The auth file's quoting: double quotes, a double quote inside doubled. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile());
            int from = (int) Math.max(offset, all.length - 8192L);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log at " + logFile() + ")";
        }
    }

    private static Path locate() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "pgbouncer"))) {
                return Path.of(entry, "pgbouncer");
            }
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        throw new PgClusterException("pgbouncer is not installed: install the Debian package pgbouncer"
                + " (apt-get install pgbouncer; .ci/run does it) or put the pgbouncer program on the PATH");
    }
}
