package io.credpool.examples;

import io.credpool.testkit.PgCluster;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A throwaway PostgreSQL for the demo, from credpool's testkit: a new cluster in a temporary
 * directory with a {@code demo} role and database, deleted by {@link #close()} or at JVM exit.
 * It needs the PostgreSQL server programs ({@code PG_BIN}, {@code PATH} or
 * {@code /usr/lib/postgresql/*}/bin).
 */
final class EmbeddedPostgres implements AutoCloseable {

    private final PgCluster cluster;
    private final String url;

    private EmbeddedPostgres(PgCluster cluster, String url) {
        this.cluster = cluster;
        this.url = url;
    }

    /** Starts the cluster and creates the {@code demo} role, with a random password, and its database. */
    static EmbeddedPostgres start() {
        PgCluster cluster = PgCluster.create();
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        cluster.createRole("demo", password);
        cluster.createDatabase("demo", "demo");
        return new EmbeddedPostgres(cluster, "postgresql://demo:" + password + "@127.0.0.1:" + cluster.port()
                + "/demo?application_name=credpool-quickstart");
    }

    /** A Prisma-style URL for the {@code demo} database, password included. */
    String url() {
        return url;
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + cluster.port();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        cluster.close();
    }
}
