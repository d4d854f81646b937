package io.credpool.internal.config;

import io.credpool.DatabaseConfigException;

/** Validates database host names and writes them as a JDBC URL needs them. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * The host as it goes in a JDBC URL: a name or IPv4 address as given, an IPv6 address in
     * brackets. Host names may hold {@code _}. {@code where} names the URL or secret for messages.
     *
     * @throws DatabaseConfigException when the host is missing, a unix-socket directory, or malformed
     */
    public static String normalize(String host, String where) {
        String h = host == null ? "" : host.strip();
        if (h.isEmpty()) {
            throw new DatabaseConfigException("The host is missing in " + where
                    + ": write postgresql://user:password@host:5432/database");
        }
        if (h.startsWith("/")) {
            throw unixSocket(where);
        }
        boolean bracketed = h.startsWith("[") && h.endsWith("]") && h.length() > 2;
        String inner = bracketed ? h.substring(1, h.length() - 1) : h;
        if (bracketed || inner.indexOf(':') >= 0) {
            if (!isIpv6(inner)) {
                throw new DatabaseConfigException("The host in " + where
                        + " is not a valid IPv6 address: write it in brackets, e.g. postgresql://user@[::1]:5432/db");
            }
            return "[" + inner + "]";
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!isNameChar(c)) {
                String what = c == ',' ? " lists several hosts; credpool connects to one"
                        : " may hold only letters, digits, '.', '-' and '_'";
                throw new DatabaseConfigException("The host in " + where + what
                        + " (if the password contains reserved characters such as @ : / ? #, percent-encode them)");
            }
        }
        return h;
    }

    /** The error for a unix-socket host: pgjdbc needs a socket factory for those. */
    public static DatabaseConfigException unixSocket(String where) {
        return new DatabaseConfigException("The host in " + where + " is a unix-socket directory, which pgjdbc cannot"
                + " reach without a socketFactory (e.g. junixsocket): connect over TCP with host and port instead");
    }

    private static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        String address = zone >= 0 ? s.substring(0, zone) : s;
        if (address.indexOf(':') < 0 || zone == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(Character.digit(c, 16) >= 0 && c < 128 || c == ':' || c == '.')) {
                return false;
            }
        }
        for (int i = zone + 1; zone >= 0 && i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters, digits, {@code .}, {@code -} and {@code _}: host names, zone ids and loggable keys. */
    static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
    }
}
