package io.credpool.internal.config;

import io.credpool.DatabaseConfigException;
import java.time.Duration;
import java.util.Locale;

/** Strict parsing of setting values; errors name the key and the fix, never the value. */
public final class Values {

    /** The longest duration a key accepts, in seconds: what pgjdbc can still hold in milliseconds as an int. */
    public static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;

    private Values() {
    }

    /** A whole number from {@code min} to {@code max}, in plain ASCII digits. */
    public static int wholeNumber(Setting s, int min, int max, String example) {
        long n = digits(s.value().strip(), 10);
        if (n < min || n > max) {
            throw new DatabaseConfigException(s.describe() + " must be a whole number from " + min + " to " + max
                    + ", e.g. " + s.example(example));
        }
        return (int) n;
    }

    /** A whole number of seconds, zero or more. */
    public static Duration seconds(Setting s, String example) {
        return Duration.ofSeconds(wholeNumber(s, 0, MAX_SECONDS, example));
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(Setting s) {
        switch (s.value().strip().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new DatabaseConfigException(s.describe() + " must be true or false, e.g. " + s.example("true"));
        }
    }

    /** One of {@code allowed} (compared in lower case), returned in lower case. */
    public static String oneOf(Setting s, String... allowed) {
        String v = s.value().strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new DatabaseConfigException(s.describe() + " must be one of " + String.join(", ", allowed)
                + ", e.g. " + s.example(allowed[allowed.length - 1]));
    }

    /** A TCP port, 1 to 65535; empty means the default 5432. {@code where} names the URL or secret. */
    public static int port(String raw, String where) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return 5432;
        }
        long n = digits(v, 5);
        if (n < 1 || n > 65535) {
            throw new DatabaseConfigException("The port in " + where + " must be a number from 1 to 65535 (default 5432)");
        }
        return (int) n;
    }

    /** {@code v} as a number when it is 1 to {@code maxLength} ASCII digits, else -1. */
    private static long digits(String v, int maxLength) {
        boolean ok = !v.isEmpty() && v.length() <= maxLength && v.chars().allMatch(c -> c >= '0' && c <= '9');
        return ok ? Long.parseLong(v) : -1;
    }
}
