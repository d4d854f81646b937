package io.credpool.internal.config;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking of secrets in credpool, for {@code toString()}, log lines and exception
 * messages: every module calls this class, none has its own rule.
 *
 * <p>Masking hides a superset of what could be a secret; it never tries to be exact. Where a URL
 * can be read two ways (a raw {@code ?} or {@code @} in a password or a query value), the parts
 * that are secret in either reading are masked. Each masked run shows as {@link #MASK}.
 */
public final class Redact {

    /** What a masked value shows. */
    public static final String MASK = "****";

    private static final String[] SECRET_WORDS = {"PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"};
    private static final String NOT_IN_NAME = "=&;?#/ \t\r\n";
    private static final int MAX_REASON = 300;

    private Redact() {
    }

    /** Compiled when first needed: building a configuration uses this class, and need not compile it. */
    private static final class JsonMember {
        static final Pattern PATTERN = Pattern.compile("\"([^\"\\\\]{1,64})\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    }

    /**
     * Whether a variable, property, parameter or field of this name holds a secret: its name,
     * percent-decoded, contains {@code PASSWORD}, {@code PASSWD}, {@code PWD}, {@code SECRET},
     * {@code TOKEN}, {@code KEY} or {@code CREDENTIAL}, in any case.
     */
    public static boolean isSecretName(String name) {
        String n = Codec.decodePercent(name).toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code url} with secrets masked: the password of the user information (read up to the last
     * {@code @} before the query, and also up to the last {@code @} of all, so a raw {@code ?},
     * {@code #} or {@code @} in the password is masked), and the value of every parameter with a
     * secret name ({@link #isSecretName}): in the query up to the next {@code &} that starts
     * another {@code name=}, in a {@code ;}-separated property list before the query up to the
     * next {@code ;} or {@code &} that does. Also takes text without {@code ://}, such as
     * {@code jdbc:derby:db;password=x}, masking its parameters.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        boolean[] hide = new boolean[url.length()];
        markUrl(url, 0, url.length(), hide);
        return render(url, hide);
    }

    /**
     * Free text (an exception message, a log line) with secrets masked: each of {@code secrets}
     * in any case, each of its characters raw or percent-encoded; every URL as {@link #url}, taken to end at
     * white space; {@code name=value} and JSON {@code "name": "value"} pairs with a secret name,
     * a value ending at white space, a quote or one of {@code & ; , ) ] }}.
     */
    public static String text(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        boolean[] hide = new boolean[text.length()];
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                Matcher m = anyEncoding(secret).matcher(text);
                while (m.find()) {
                    mark(hide, m.start(), m.end());
                }
            }
        }
        for (int i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 3)) {
            int end = i + 3;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "\"'<>".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            markUrl(text, i, end, hide);
        }
        markPairs(text, hide);
        Matcher json = JsonMember.PATTERN.matcher(text);
        while (json.find()) {
            if (isSecretName(json.group(1))) {
                mark(hide, json.start(2), json.end(2));
            }
        }
        return render(text, hide);
    }

    /**
     * A one-line reason for a failure, safe to log: its message (or its class's simple name when
     * it has none) masked as {@link #text}, white space folded, at most 300 characters.
     */
    public static String reason(Throwable failure, String... secrets) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        String s = text(message, secrets).replaceAll("\\s+", " ").trim();
        return s.length() > MAX_REASON ? s.substring(0, MAX_REASON) + "..." : s;
    }

    /**
     * {@code failure} itself when neither it nor its causes, next exceptions or suppressed
     * exceptions show a secret ({@link #text} would change no message); otherwise a copy with
     * masked messages that keeps the {@code java.sql} type (a driver's own class becomes its
     * nearest {@code java.sql} superclass), SQLState, vendor code, stack trace, causes, next
     * exceptions and suppressed exceptions, each masked the same way.
     */
    public static SQLException exception(SQLException failure, String... secrets) {
        return (SQLException) RedactedThrowables.copy(failure, secrets);
    }

    /** As {@link #exception(SQLException, String...)}, for an unchecked exception. */
    public static RuntimeException exception(RuntimeException failure, String... secrets) {
        return (RuntimeException) RedactedThrowables.copy(failure, secrets);
    }

    /** Whether {@code text} shows a secret: {@link #text} would change it. */
    static boolean showsSecret(String text, String... secrets) {
        return text != null && !text.equals(text(text, secrets));
    }

    private static void markUrl(String s, int from, int to, boolean[] hide) {
        int slashes = s.indexOf("://", from);
        int hostStart = from;
        if (slashes >= 0 && slashes < to) {
            int start = slashes + 3;
            int query = indexOf(s, '?', start, to);
            int parsedAt = lastIndexOf(s, '@', start, query);
            markPassword(s, start, parsedAt, hide);
            markPassword(s, start, lastIndexOf(s, '@', start, to), hide);
            hostStart = parsedAt >= 0 ? parsedAt + 1 : start;
        }
        int query = indexOf(s, '?', hostStart, to);
        markParams(s, hostStart, query, ";&", hide);
        if (query < to) {
            markParams(s, query + 1, to, "&", hide);
        }
    }

    /** Masks what follows the first {@code :} of the user information {@code [start, at)}. */
    private static void markPassword(String s, int start, int at, boolean[] hide) {
        if (at >= 0) {
            int colon = indexOf(s, ':', start, at);
            if (colon < at) {
                mark(hide, colon + 1, at);
            }
        }
    }

    /** Masks secret-named values in {@code [from, to)}, a list of {@code name=value} split at {@code separators}. */
    private static void markParams(String s, int from, int to, String separators, boolean[] hide) {
        int i = from;
        while (i < to) {
            int end = nextParameter(s, i, to, separators);
            int eq = indexOf(s, '=', i, end);
            if (eq < end && isSecretName(s.substring(i, eq))) {
                mark(hide, eq + 1, end);
            }
            i = end + 1;
        }
    }

    /** The first separator in {@code [from, to)} that is followed by a {@code name=}; {@code to} when none is. */
    private static int nextParameter(String s, int from, int to, String separators) {
        for (int j = from; j < to; j++) {
            if (separators.indexOf(s.charAt(j)) >= 0) {
                int k = j + 1;
                while (k < to && NOT_IN_NAME.indexOf(s.charAt(k)) < 0) {
                    k++;
                }
                if (k > j + 1 && k < to && s.charAt(k) == '=') {
                    return j;
                }
            }
        }
        return to;
    }

    /** Masks the value of every {@code name=value} in free text whose name is a secret one. */
    private static void markPairs(String s, boolean[] hide) {
        for (int eq = s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
            int start = eq;
            while (start > 0 && isNameChar(s.charAt(start - 1))) {
                start--;
            }
            if (start == eq || !isSecretName(s.substring(start, eq))) {
                continue;
            }
            int from = eq + 1;
            int end = from;
            if (from < s.length() && (s.charAt(from) == '"' || s.charAt(from) == '\'')) {
                int close = s.indexOf(s.charAt(from), from + 1);
                from++;
                end = close < 0 ? s.length() : close;
            } else {
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "&;,)]}\"'".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
            }
            mark(hide, from, end);
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-%+".indexOf(c) >= 0;
    }

    /**
     * {@code secret} in any case, each character but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~})
     * raw or percent-encoded, a space also as {@code +}: so a secret is found however a URL or a
     * driver wrote it, even half-encoded.
     */
    private static Pattern anyEncoding(String secret) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < secret.length(); ) {
            int cp = secret.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            i += ch.length();
            if (cp < 128 && (Character.isLetterOrDigit(cp) || "-._~".indexOf(cp) >= 0)) {
                re.append(Pattern.quote(ch));
                continue;
            }
            StringBuilder encoded = new StringBuilder();
            for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                encoded.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
            }
            re.append("(?:").append(Pattern.quote(ch)).append('|').append(encoded).append(cp == ' ' ? "|\\+)" : ")");
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static void mark(boolean[] hide, int from, int to) {
        for (int i = from; i < to; i++) {
            hide[i] = true;
        }
    }

    private static String render(String s, boolean[] hide) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!hide[i]) {
                out.append(s.charAt(i));
            } else if (i == 0 || !hide[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    private static int lastIndexOf(String s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
