package io.credpool;

import io.credpool.testkit.PgCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/** Roles and databases for the pool's PostgreSQL tests: each test gets its own, so counts never mix. */
final class PostgresRoles {

    /** Every test role's password: quotes, a backslash and non-ASCII, and never in a log or message. */
    static final String PASSWORD = "pg-S3cr3t'\"\\ pässwörd";

    private static final AtomicInteger ROLES = new AtomicInteger();

    private PostgresRoles() {
    }

    /** A new login role with {@link #PASSWORD} that owns a database of the same name. */
    static String newRole(PgCluster cluster, String prefix) {
        String role = prefix + "_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        cluster.createRole(role, PASSWORD);
        cluster.createDatabase(role, role);
        return role;
    }

    /** A pool builder for {@code role}'s database, logging in as {@code role}. */
    static ConnectionPool.Builder builder(PgCluster cluster, String role) {
        return ConnectionPool.builder().jdbcUrl(cluster.jdbcUrl(role)).username(role).password(PASSWORD);
    }

    /** Borrows {@code n} connections at once, so that {@code n} are open, and gives them back. */
    static void fill(ConnectionPool pool, int n) throws java.sql.SQLException {
        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(pool.getConnection());
            }
        } finally {
            for (java.sql.Connection c : held) {
                c.close();
            }
        }
    }

    /**
     * {@code postgresql://role:password@127.0.0.1:<port>/role?<parameters>}, as a user writes
     * {@code DATABASE_URL} (the password percent-encoded, a space as {@code %20}).
     */
    static String databaseUrl(int port, String role, String parameters) {
        String password = java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "postgresql://" + role + ":" + password + "@127.0.0.1:" + port + "/" + role + "?" + parameters;
    }

    /**
     * Writes the secret file of {@code role}'s database on {@code cluster} with {@code password},
     * atomically (a reader never sees half a file), as a secret syncer would.
     */
    static void writeSecret(PgCluster cluster, Path file, String role, String password) throws IOException {
        String json = "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":" + cluster.port()
                + ",\"username\":\"" + role + "\",\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"dbname\":\"" + role + "\"}";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code 127.0.0.1:<port>/<role>}: the target messages name. */
    static String target(PgCluster cluster, String role) {
        return "127.0.0.1:" + cluster.port() + "/" + role;
    }
}
