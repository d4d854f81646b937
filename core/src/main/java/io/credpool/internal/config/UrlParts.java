package io.credpool.internal.config;

import java.util.Map;

/**
 * A database URL taken apart, with everything decoded.
 *
 * @param jdbc       whether the URL was a {@code jdbc:postgresql://} URL (its parameters are pgjdbc's)
 * @param host       as it goes in a JDBC URL (IPv6 in brackets)
 * @param port       1 to 65535
 * @param database   decoded; {@code postgres} when the URL names none
 * @param user       decoded, or {@code null}
 * @param password   decoded, or {@code null}
 * @param parameters decoded query parameters in order, the last of a repeated key winning
 */
public record UrlParts(boolean jdbc, String host, int port, String database, String user, String password,
                       Map<String, String> parameters) {

    /** Shows everything but the password and parameter values. */
    @Override
    public String toString() {
        return "UrlParts[" + host + ":" + port + "/" + database + ", user=" + user
                + ", password=" + (password == null ? "<none>" : Redact.MASK) + ", parameters=" + parameters.keySet() + "]";
    }
}
