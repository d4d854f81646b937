package io.credpool.internal.pool;

import java.util.regex.Pattern;

/** Keeps secrets out of the strings the pool logs and throws. */
final class Redaction {

    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]*@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:ssl)?password=)[^&;\\s]*");
    private static final int MAX_REASON = 300;

    private Redaction() {
    }

    /**
     * {@code host:port/database} of a JDBC URL: the scheme, any user info and the query are
     * dropped. A URL of another shape keeps everything but user info and query.
     */
    static String target(String jdbcUrl) {
        String rest = jdbcUrl;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
            int slash = rest.indexOf('/');
            int at = rest.lastIndexOf('@', slash < 0 ? rest.length() - 1 : slash);
            if (at >= 0) {
                rest = rest.substring(at + 1);
            }
        }
        int query = rest.indexOf('?');
        return query >= 0 ? rest.substring(0, query) : rest;
    }

    /**
     * A one-line reason for a failure, safe to log: its message (or class name) with user info in
     * URLs, {@code password=} parameters and each of {@code secrets} masked.
     */
    static String reason(Throwable failure, String... secrets) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        String s = scrub(message, secrets).replaceAll("\\s+", " ").trim();
        return s.length() > MAX_REASON ? s.substring(0, MAX_REASON) + "..." : s;
    }

    /** {@code text} with user info in URLs, {@code password=} parameters and {@code secrets} masked. */
    static String scrub(String text, String... secrets) {
        String s = USERINFO.matcher(text).replaceAll("****@");
        s = PASSWORD_PARAM.matcher(s).replaceAll("$1****");
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                s = s.replace(secret, "****");
            }
        }
        return s;
    }
}
