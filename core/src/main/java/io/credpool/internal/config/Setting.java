package io.credpool.internal.config;

import java.util.Locale;

/**
 * One configuration key with its value and where it was written, so that an error can name the
 * key the way the user wrote it: {@code URL parameter 'pool_timeout'}, {@code DATABASE_POOL_TIMEOUT}
 * or {@code secret field 'pool_timeout'}. The value is never part of any message.
 *
 * @param key    the key in the URL vocabulary, e.g. {@code connection_limit}
 * @param value  the raw value
 * @param origin where it was written
 */
public record Setting(String key, String value, Origin origin) {

    /** Where a setting was written. */
    public enum Origin {
        /** A query parameter of the database URL. */
        URL,
        /** A {@code DATABASE_<KEY>} variable. */
        ENVIRONMENT,
        /** A field of a secret document. */
        SECRET
    }

    /** The name of the variable that holds {@code key}: {@code DATABASE_<KEY>}. */
    public static String variable(String key) {
        return "DATABASE_" + key.toUpperCase(Locale.ROOT);
    }

    /** The key as the user wrote it, for messages. */
    public String describe() {
        switch (origin) {
            case URL: return "URL parameter '" + key + "'";
            case ENVIRONMENT: return variable(key);
            default: return "secret field '" + key + "'";
        }
    }

    /** How to write {@code example} as the value of this key where it was written, for messages. */
    public String example(String example) {
        switch (origin) {
            case URL: return key + "=" + example;
            case ENVIRONMENT: return variable(key) + "=" + example;
            default: return "\"" + key + "\": \"" + example + "\"";
        }
    }

    /** Hides the value: settings are shown in messages and debuggers. */
    @Override
    public String toString() {
        return "Setting[" + describe() + "]";
    }
}
