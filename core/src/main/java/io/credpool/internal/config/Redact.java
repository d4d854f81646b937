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
     * {@code url} with the password of its userinfo and the values of secret-named query
     * parameters masked. The userinfo ends at the last {@code @} before the query, as in
     * {@link UrlParser}.
     */
    public static String url(String url) {
        int scheme = url.indexOf("://");
        int query = url.indexOf('?');
        int end = query < 0 ? url.length() : query;
        StringBuilder out = new StringBuilder(url.length());
        int at = scheme < 0 ? -1 : url.lastIndexOf('@', end - 1);
        if (at > scheme) {
            int colon = url.indexOf(':', scheme + 3);
            out.append(url, 0, colon >= 0 && colon < at ? colon + 1 : scheme + 3);
            out.append(colon >= 0 && colon < at ? MASK : url.substring(scheme + 3, at));
            out.append(url, at, end);
        } else {
            out.append(url, 0, end);
        }
        if (query >= 0) {
            String[] pairs = url.substring(query + 1).split("&", -1);
            out.append('?');
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                String key = eq >= 0 ? pairs[i].substring(0, eq) : pairs[i];
                out.append(i == 0 ? "" : "&").append(eq >= 0 && isSecretName(key) ? key + "=" + MASK : pairs[i]);
            }
        }
        return out.toString();
    }
}
