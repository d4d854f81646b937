package io.credpool.examples;

import io.credpool.testkit.PgCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A role with a nasty password and a database of its own on the shared test cluster, so every
 * test class starts from an empty {@code users} table. {@link #leaks} finds the password in any
 * text, as is or percent-encoded.
 */
record TestDb(PgCluster cluster, String name, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static TestDb create(String prefix) {
        TestDb db = new TestDb(PgCluster.shared(), prefix + "_" + hex(4), "p@ss:w/rd?#%&= +ü€-" + hex(8));
        db.cluster.createRole(db.name, db.password);
        db.cluster.createDatabase(db.name, db.name);
        return db;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** {@code postgresql://role:password@127.0.0.1:port/role}, percent-encoded. */
    String url() {
        return "postgresql://" + encode(name) + ":" + encode(password) + "@127.0.0.1:" + cluster.port() + "/" + name;
    }

    /** The same URL pointing at {@code port}, where nothing listens. */
    String urlWithPort(int port) {
        return url().replace(":" + cluster.port() + "/", ":" + port + "/");
    }

    boolean leaks(String text) {
        return text.contains(password) || text.contains(encode(password))
                || text.contains(password.substring(password.lastIndexOf('-')));
    }

    /** A count, straight from the database as the role, bypassing credpool. */
    long count(String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", name);
        p.setProperty("password", password);
        try (Connection c = new org.postgresql.Driver().connect(cluster.jdbcUrl(name), p);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    int backends() {
        return cluster.countBackends(name);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
