package io.credpool;

import io.credpool.testkit.PgCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A login role with a nasty, unique password on the shared test cluster, and the URL for it:
 * {@code p@ss:w/rd?#%&= +ü€-<random>} exercises every character a URL parser can trip on, and
 * its random tail (not shared with the role name) makes it easy to prove that it never leaks.
 */
public final class TestDatabase {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PgCluster cluster = PgCluster.shared();
    private final String role;
    private final String password;

    private TestDatabase(String role, String password) {
        this.role = role;
        this.password = password;
        cluster.createRole(role, password);
    }

    /** A new role on {@link PgCluster#shared()}, named {@code <prefix>_<random>}. */
    public static TestDatabase create(String prefix) {
        HexFormat hex = HexFormat.of();
        return new TestDatabase(prefix + "_" + hex.formatHex(bytes(4)), "p@ss:w/rd?#%&= +ü€-" + hex.formatHex(bytes(8)));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public String role() {
        return role;
    }

    /** The cluster's loopback port. */
    public int port() {
        return cluster.port();
    }

    /** Sessions of the role right now, from {@code pg_stat_activity}. */
    public int backends() {
        return cluster.countBackends(role);
    }

    /** {@code postgresql://role:password@127.0.0.1:port/postgres?query}, percent-encoded. */
    public String url(String query) {
        return "postgresql://" + encode(role) + ":" + encode(password) + "@127.0.0.1:" + cluster.port() + "/postgres"
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** Whether {@code text} holds the password: as is, percent-encoded, or its random tail alone. */
    public boolean leaks(String text) {
        return text.contains(password) || text.contains(encode(password))
                || text.contains(password.substring(password.lastIndexOf('-')));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
