package io.credpool.internal.pool;

import java.util.regex.Pattern;

/** Keeps secrets out of the strings the pool (and the diagnostics command) logs, prints and throws. */
public final class Redaction {

    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]*@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:ssl)?password=)[^&;\\s]*");
    private static final int MAX_REASON = 300;

    private Redaction() {
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
    public static String scrub(String text, String... secrets) {
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
