package io.credpool.internal.config;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .env} reader behind {@link io.credpool.Dotenv}: Node {@code dotenv} rules, then
 * {@code dotenv-expand}'s {@code ${VAR}} and {@code ${VAR:-default}}. Never throws for any text;
 * a line it cannot read is skipped with a warning that names its line number, never its text.
 * A value longer than {@link #MAX_VALUE_LENGTH} after expansion, or one that would take the
 * file's values past {@link #MAX_TOTAL_LENGTH}, is skipped the same way; time and memory stay
 * linear in the length of the text, and after {@value #MAX_WARNINGS} such warnings the rest are
 * counted in one.
 */
public final class DotenvParser {

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** The longest value, after expansion, in characters (1 MiB): longer ones are skipped with a warning. */
    public static final int MAX_VALUE_LENGTH = 1 << 20;

    /** The most characters all values of one text may hold together, after expansion (10 MiB). */
    public static final int MAX_TOTAL_LENGTH = 10 << 20;

    /** Skipped lines warned about one by one; the rest are counted in one last warning. */
    static final int MAX_WARNINGS = 20;

    /** Optional {@code export}, a key, then {@code =} or {@code :} followed by a blank or the line's end. */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("[ \\t]*(?:export[ \\t]+)?([\\w.-]+)(?:[ \\t]*=|:(?=[ \\t]|$))[ \\t]*");

    private final String text;
    private final Function<String, String> lookup;
    private final String source;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int pos;
    private int line = 1;
    /** Characters held by all values so far, against {@link #MAX_TOTAL_LENGTH}. */
    private long total;
    private int skipped;
    private int lastWarned;

    private DotenvParser(String text, Function<String, String> lookup, String source) {
        this.text = text;
        this.lookup = lookup;
        this.source = source;
    }

    /**
     * Reads {@code text}. {@code ${VAR}} is resolved with {@code lookup} first (the real
     * environment, which a {@code .env} never overrides), then with earlier lines. {@code source}
     * names the text in warnings, e.g. the file's path.
     */
    public static Map<String, String> parse(String text, Function<String, String> lookup, String source) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t = t.replace("\r\n", "\n").replace('\r', '\n');
        DotenvParser parser = new DotenvParser(t, lookup, source);
        parser.run();
        if (parser.skipped > MAX_WARNINGS) {
            LOG.log(Level.WARNING, "Skipped " + (parser.skipped - MAX_WARNINGS) + " more lines of " + source
                    + " after line " + parser.lastWarned + "; fix the lines above first");
        }
        return RedactedMap.copyOf(parser.values);
    }

    private void run() {
        while (pos < text.length()) {
            int end = lineEnd(pos);
            String current = text.substring(pos, end);
            String trimmed = current.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                nextLine(end);
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(current);
            if (!m.lookingAt()) {
                skip(end, "it is not KEY=value");
                continue;
            }
            String key = m.group(1);
            int valueStart = pos + m.end();
            char first = valueStart < end ? text.charAt(valueStart) : '\n';
            if (first == '"' || first == '\'' || first == '`') {
                quoted(key, first, valueStart, end);
            } else {
                String raw = cutComment(text.substring(valueStart, end)).strip();
                store(key, expand(raw));
                nextLine(end);
            }
        }
    }

    private void quoted(String key, char quote, int open, int firstLineEnd) {
        int close = -1;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            // A backslash pairs with the quote or the backslash after it: "a\\" ends at its last quote.
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == quote || text.charAt(i + 1) == '\\')) {
                i++;
            } else if (c == quote) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            skip(firstLineEnd, "its quoted value is not closed");
            return;
        }
        int end = lineEnd(close);
        String after = text.substring(close + 1, end).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
            skip(firstLineEnd, "its quoted value is not closed or text follows the closing quote");
            return;
        }
        String raw = text.substring(open + 1, close);
        String value = quote == '"' ? unescapeNewlines(raw) : raw;
        store(key, quote == '\'' ? capped(value) : expand(value));
        for (int i = pos; i < close; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        nextLine(end);
    }

    /**
     * Keeps {@code value}, or warns about the current line when it is {@code null} (over a size
     * cap); the key is then left as earlier lines set it.
     */
    private void store(String key, String value) {
        if (value == null) {
            warnSkipped("expanding it gives a value longer than "
                    + (budget() < MAX_VALUE_LENGTH ? "the " + (MAX_TOTAL_LENGTH >> 20) + " MB a file may hold in total"
                    : (MAX_VALUE_LENGTH >> 20) + " MB") + "; shorten the value or the variables it uses");
            return;
        }
        String old = values.put(key, value);
        total += value.length() - (old == null ? 0 : old.length());
    }

    /** The most characters the next value may have: the per-value cap, or what is left of the per-file one. */
    private long budget() {
        return Math.min(MAX_VALUE_LENGTH, MAX_TOTAL_LENGTH - total);
    }

    /** {@code value}, or {@code null} when it is longer than the {@link #budget()}. */
    private String capped(String value) {
        return value.length() > budget() ? null : value;
    }

    private void skip(int end, String why) {
        warnSkipped(why);
        nextLine(end);
    }

    /** Warns about the current line, for the first {@link #MAX_WARNINGS} skipped lines only: logging costs more than parsing. */
    private void warnSkipped(String why) {
        if (++skipped <= MAX_WARNINGS) {
            lastWarned = line;
            LOG.log(Level.WARNING, "Skipping line " + line + " of " + source + ": " + why);
        }
    }

    private void nextLine(int end) {
        pos = end + 1;
        line++;
    }

    private int lineEnd(int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** An unquoted value ends at a {@code #} that starts the value or follows a blank. */
    private static String cutComment(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '#' && (i == 0 || value.charAt(i - 1) == ' ' || value.charAt(i - 1) == '\t')) {
                return value.substring(0, i);
            }
        }
        return value;
    }

    /** {@code \n} and {@code \r} become line breaks; every other backslash stays. */
    private static String unescapeNewlines(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
            if (c == '\\' && (next == 'n' || next == 'r')) {
                out.append(next == 'n' ? '\n' : '\r');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Replaces {@code ${VAR}} and {@code ${VAR:-default}}; anything else, including a bare
     * {@code $} and {@code $(cmd)}, stays, and a backslash right before <code>${</code> keeps it
     * literal ({@code \${VAR}} is {@code ${VAR}}). Inserted text is never expanded again. Returns
     * {@code null}, having built no more than the {@link #budget()}, when the result would be
     * longer: so a file whose lines each double the one before stays linear in time and memory.
     */
    private String expand(String value) {
        int start = value.indexOf("${");
        if (start < 0) {
            return capped(value);
        }
        long budget = budget();
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        // Once no '}' follows, none follows any later "${" either: never search again (linear time).
        boolean closes = true;
        while (start >= 0) {
            if (start - 1 >= i && value.charAt(start - 1) == '\\') {
                // An escaped expansion: the text without its backslash, and on after the "${".
                out.append(value, i, start - 1).append("${");
                i = start + 2;
                start = value.indexOf("${", i);
                continue;
            }
            int close = closes ? value.indexOf('}', start + 2) : -1;
            if (close < 0) {
                closes = false;
                out.append(value, i, start + 2);
                i = start + 2;
                start = value.indexOf("${", i);
                continue;
            }
            String inner = value.substring(start + 2, close);
            int dash = inner.indexOf(":-");
            String name = dash >= 0 ? inner.substring(0, dash) : inner;
            out.append(value, i, start);
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                String found = lookup.apply(name);
                if (found == null) {
                    found = values.get(name);
                }
                if (dash >= 0 && (found == null || found.isEmpty())) {
                    found = inner.substring(dash + 2);
                }
                if (found != null && out.length() + found.length() > budget) {
                    return null;
                }
                out.append(found == null ? "" : found);
            } else {
                out.append(value, start, close + 1);
            }
            i = close + 1;
            start = value.indexOf("${", i);
        }
        out.append(value, i, value.length());
        return out.length() > budget ? null : out.toString();
    }
}
