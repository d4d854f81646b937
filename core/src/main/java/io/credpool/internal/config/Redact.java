package io.credpool.internal.config;

import java.util.Locale;

/** Masking of secret values for {@code toString()} and log lines. */
public final class Redact {

    /** What a masked value shows. */
    public static final String MASK = "****";

    private Redact() {
    }

    /**
     * Whether a variable, property or field of this name holds a secret: its name contains
     * {@code PASSWORD}, {@code SECRET}, {@code TOKEN} or {@code KEY}, in any case.
     */
    public static boolean isSecretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.contains("PASSWORD") || n.contains("SECRET") || n.contains("TOKEN") || n.contains("KEY");
    }

    /**
     * {@code url} with the password of its user information and the values of secret-named query
     * parameters masked. The user information is taken to end at the <em>last</em> {@code @} of
     * the whole text, so a raw {@code @} or {@code ?} in a password is masked too (at the cost of
     * masking a little more when a query value holds {@code @}).
     */
    public static String url(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int at = url.lastIndexOf('@');
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, start);
        String rest = url.substring(start);
        if (at >= start) {
            int colon = url.indexOf(':', start);
            out.append(colon >= 0 && colon < at ? url.substring(start, colon + 1) + MASK : url.substring(start, at)).append('@');
            rest = url.substring(at + 1);
        }
        int query = rest.indexOf('?');
        if (query < 0) {
            return out.append(rest).toString();
        }
        out.append(rest, 0, query + 1);
        String[] pairs = rest.substring(query + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String key = eq >= 0 ? pairs[i].substring(0, eq) : pairs[i];
            out.append(i == 0 ? "" : "&").append(eq >= 0 && isSecretName(key) ? key + "=" + MASK : pairs[i]);
        }
        return out.toString();
    }
}
