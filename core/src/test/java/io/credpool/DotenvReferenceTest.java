package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Dotenv} against a second, independent reading of the rules in its Javadoc, on values
 * generated from the characters that interact: backslashes, every quote, {@code $}, braces,
 * {@code #}, blanks and escapes side by side. The reference works from how the value was built
 * (it knows where the value ends) and with regular expressions, so it shares no code and no
 * scanning loop with the parser it checks.
 */
class DotenvReferenceTest {

    /** Pieces a quoted value is made of; each is whole, so any sequence of them closes where it should. */
    private static final String[] PIECES = {"a", "Z", " ", "#", "$", "{", "}", "${B}", "${B:-d}", "${NOPE:-x y}",
        "${1x}", "\\${B}", "\\\\", "\\n", "\\r", "\\x", "\\$", "$(id)", "${B", "\n"};

    private static final Pattern EXPANSION = Pattern.compile("\\\\\\$\\{|\\$\\{([^}]*)\\}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Test
    void quotedValuesReadAsTheRulesSay() {
        long seed = Long.getLong("credpool.dotenv.seed", new Random().nextLong());
        Random r = new Random(seed);
        for (int round = 0; round < 3000; round++) {
            char quote = "\"'`".charAt(r.nextInt(3));
            StringBuilder content = new StringBuilder();
            for (int n = r.nextInt(8); n > 0; n--) {
                content.append(PIECES[r.nextInt(PIECES.length)]);
                if (r.nextInt(6) == 0) {
                    content.append(r.nextBoolean() ? "\\" + quote : otherQuote(quote, r));
                }
            }
            String body = content.toString();
            String comment = r.nextBoolean() ? "" : r.nextBoolean() ? " # note" : "   ";
            String text = "B=1\nA=" + quote + body + quote + comment + "\nC=after";
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("B", "1");
            expected.put("A", reference(quote, body, Map.of("B", "1")));
            expected.put("C", "after");
            assertEquals(expected, Dotenv.parse(text), () -> "seed " + seed + " (replay with -Dcredpool.dotenv.seed="
                    + seed + "), text: " + text.replace("\n", "\u23ce"));
        }
    }

    @Test
    void unquotedValuesReadAsTheRulesSay() {
        long seed = Long.getLong("credpool.dotenv.seed", new Random().nextLong());
        Random r = new Random(seed);
        for (int round = 0; round < 3000; round++) {
            StringBuilder value = new StringBuilder("v");
            for (int n = r.nextInt(8); n > 0; n--) {
                String piece = PIECES[r.nextInt(PIECES.length)];
                value.append(piece.equals("\n") ? "\\n" : piece);
            }
            String text = "B=1\nA=" + value + "\nC=after";
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("B", "1");
            expected.put("A", reference('\0', unquoted(value.toString()), Map.of("B", "1")));
            expected.put("C", "after");
            assertEquals(expected, Dotenv.parse(text), () -> "seed " + seed + " (replay with -Dcredpool.dotenv.seed="
                    + seed + "), text: " + text.replace("\n", "\u23ce"));
        }
    }

    /** What the rules make of a value's text between its quotes ({@code quote} 0 for unquoted, already cut and trimmed). */
    private static String reference(char quote, String body, Map<String, String> earlier) {
        if (quote == '\'') {
            return body;
        }
        String v = quote == '"' ? body.replace("\\n", "\n").replace("\\r", "\r") : body;
        Matcher m = EXPANSION.matcher(v);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                String inner = m.group(1);
                int dash = inner.indexOf(":-");
                String name = dash >= 0 ? inner.substring(0, dash) : inner;
                if (!NAME.matcher(name).matches()) {
                    replacement = m.group();
                } else {
                    String found = earlier.get(name);
                    replacement = dash >= 0 && (found == null || found.isEmpty()) ? inner.substring(dash + 2)
                            : found == null ? "" : found;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An unquoted value: cut at a {@code #} that starts it or follows a blank, then trimmed. */
    private static String unquoted(String raw) {
        return raw.replaceFirst("(^|(?<=[ \\t]))#.*$", "").strip();
    }

    private static String otherQuote(char quote, Random r) {
        String others = "\"'`".replace(String.valueOf(quote), "");
        return String.valueOf(others.charAt(r.nextInt(others.length())));
    }
}
