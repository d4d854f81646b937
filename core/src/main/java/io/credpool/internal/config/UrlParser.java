package io.credpool.internal.config;

import io.credpool.DatabaseConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-written parser for {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://}
 * URLs. {@link java.net.URI} is not used: it rejects host names with {@code _} and passwords holding
 * a raw {@code @}.
 *
 * <p>Rules: the scheme is matched in any case; the userinfo ends at the last {@code @} before the
 * first {@code ?} and splits at its first {@code :}; user and password are percent-decoded with
 * {@code +} kept; the authority ends at the next {@code /}, {@code ?} or {@code #}; the fragment is
 * dropped; query keys and values are form-decoded ({@code +} is a space); invalid escapes stay as
 * written. Errors never quote the URL: it usually holds a password.
 */
public final class UrlParser {

    static final String WHERE = "the database URL";

    private UrlParser() {
    }

    /** Takes {@code url} apart; surrounding whitespace and one pair of surrounding quotes are ignored. */
    public static UrlParts parse(String url) {
        if (url == null || url.isBlank()) {
            throw new DatabaseConfigException("The database URL is empty: set DATABASE_URL to"
                    + " postgresql://user:password@host:5432/database");
        }
        String s = unquote(url.strip());
        boolean jdbc;
        String rest;
        if (startsWithIgnoreCase(s, "jdbc:postgresql://")) {
            jdbc = true;
            rest = s.substring("jdbc:postgresql://".length());
        } else if (startsWithIgnoreCase(s, "postgresql://")) {
            jdbc = false;
            rest = s.substring("postgresql://".length());
        } else if (startsWithIgnoreCase(s, "postgres://")) {
            jdbc = false;
            rest = s.substring("postgres://".length());
        } else if (startsWithIgnoreCase(s, "jdbc:postgresql:")) {
            throw new DatabaseConfigException("The database URL has no host: write jdbc:postgresql://host:5432/database");
        } else {
            throw new DatabaseConfigException("The scheme of the database URL is not supported: it must start with"
                    + " postgresql://, postgres:// or jdbc:postgresql://");
        }

        int query = rest.indexOf('?');
        int at = rest.lastIndexOf('@', (query < 0 ? rest.length() : query) - 1);
        String userinfo = at >= 0 ? rest.substring(0, at) : null;
        String afterUserinfo = rest.substring(at + 1);
        int end = indexOfAny(afterUserinfo, "/?#");
        String authority = afterUserinfo.substring(0, end);
        String tail = afterUserinfo.substring(end);
        int fragment = tail.indexOf('#');
        if (fragment >= 0) {
            tail = tail.substring(0, fragment);
        }

        String user = null;
        String password = null;
        if (userinfo != null) {
            int colon = userinfo.indexOf(':');
            user = emptyToNull(Codec.decodePercent(colon >= 0 ? userinfo.substring(0, colon) : userinfo));
            password = colon >= 0 ? emptyToNull(Codec.decodePercent(userinfo.substring(colon + 1))) : null;
        }

        String rawHost;
        String rawPort;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new DatabaseConfigException("The host in the database URL opens an IPv6 '[' but does not close it:"
                        + " write postgresql://user@[::1]:5432/db");
            }
            rawHost = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new DatabaseConfigException("The host in the database URL has text after the IPv6 ']': only :port may follow");
            }
            rawPort = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = authority.indexOf(':');
            rawHost = colon >= 0 ? authority.substring(0, colon) : authority;
            rawPort = colon >= 0 ? authority.substring(colon + 1) : "";
        }
        String path = tail;
        String queryText = "";
        int q = tail.indexOf('?');
        if (q >= 0) {
            path = tail.substring(0, q);
            queryText = tail.substring(q + 1);
        }
        Map<String, String> parameters = parameters(queryText);
        String hostText = Codec.decodePercent(rawHost);
        String socketDirectory = parameters.get(Keys.HOST);
        if (hostText.isBlank() && socketDirectory != null && socketDirectory.strip().startsWith("/")) {
            // postgresql:///db?host=/var/run/postgresql: libpq's way to name a socket directory.
            throw Hosts.unixSocket(WHERE);
        }
        String host = Hosts.normalize(hostText, WHERE);
        int port = Values.port(rawPort, WHERE);
        String database = path.startsWith("/") ? Codec.decodePercent(path.substring(1)) : "";
        if (database.isEmpty()) {
            database = "postgres";
        }
        return new UrlParts(jdbc, host, port, database, user, password, parameters);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = Codec.decodeForm(eq >= 0 ? pair.substring(0, eq) : pair);
            if (!key.isEmpty()) {
                out.remove(key);
                out.put(key, Codec.decodeForm(eq >= 0 ? pair.substring(eq + 1) : ""));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** A key safe to put in a log line: a plain name of at most 64 characters, else {@code null}. */
    public static String loggableKey(String key) {
        boolean plain = !key.isEmpty() && key.length() <= 64 && key.chars().allMatch(Hosts::isNameChar);
        return plain ? key : null;
    }
}
