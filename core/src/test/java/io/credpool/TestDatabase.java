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
public record TestDatabase(PgCluster cluster, String role, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new role on {@link PgCluster#shared()}. */
    public static TestDatabase create(String prefix) {
        HexFormat hex = HexFormat.of();
        TestDatabase db = new TestDatabase(PgCluster.shared(), prefix + "_" + hex.formatHex(bytes(4)),
                "p@ss:w/rd?#%&= +ü€-" + hex.formatHex(bytes(8)));
        db.cluster.createRole(db.role, db.password);
        return db;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code postgresql://role:password@127.0.0.1:port/postgres?query}, percent-encoded. */
    public String url(String query) {
        return "postgresql://" + encode(role) + ":" + encode(password) + "@127.0.0.1:" + cluster.port() + "/postgres"
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** The forms in which the password could leak: as is, and percent-encoded. */
    public String[] secretForms() {
        return new String[] {password, encode(password), password.substring(password.lastIndexOf('-'))};
    }

    /** Whether {@code text} holds the password in any form. */
    public boolean leaks(String text) {
        for (String s : secretForms()) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
