package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.internal.config.DotenvParser;
import io.credpool.testkit.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotenvTest {

    /** A map in the order given: {@code vars("A", "1", "B", "2")}. */
    private static Map<String, String> vars(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Arguments row(String name, String text, Map<String, String> expected) {
        return Arguments.of(name, text, expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("plain", "A=1", vars("A", "1")),
                row("blanks around =", "A = 1\nB\t=\t2", vars("A", "1", "B", "2")),
                row("export", "export A=1\n  export\tB=2", vars("A", "1", "B", "2")),
                row("key named export", "export=1", vars("export", "1")),
                row("colon", "A: 1\nB:\thello", vars("A", "1", "B", "hello")),
                row("colon without blank is malformed", "A:1\nB=2", vars("B", "2")),
                row("keys with dots and dashes", "my.key-1=v", vars("my.key-1", "v")),
                row("double quotes", "A=\"hello world\"", vars("A", "hello world")),
                row("single quotes", "A='hello world'", vars("A", "hello world")),
                row("backticks", "A=`hello 'world' \"x\"`", vars("A", "hello 'world' \"x\"")),
                row("blank before quote", "A=   \"x\"", vars("A", "x")),
                row("\\n expanded in double quotes", "A=\"a\\nb\\rc\"", vars("A", "a\nb\rc")),
                row("\\n literal in single quotes", "A='a\\nb'", vars("A", "a\\nb")),
                row("\\n literal in backticks", "A=`a\\nb`", vars("A", "a\\nb")),
                row("\\n literal unquoted", "A=a\\nb", vars("A", "a\\nb")),
                row("other escapes kept", "A=\"a\\tb\\\\c\"", vars("A", "a\\tb\\\\c")),
                row("escaped quote kept", "A=\"say \\\"hi\\\"\"", vars("A", "say \\\"hi\\\"")),
                row("escaped backslash before the closing quote", "A=\"C:\\\\\"\nB=x", vars("A", "C:\\\\", "B", "x")),
                row("escaped backslash, then a comment", "A=\"a\\\\\" # c\nB=2", vars("A", "a\\\\", "B", "2")),
                row("escaped backslash in single quotes", "A='a\\\\'\nB=2", vars("A", "a\\\\", "B", "2")),
                row("escaped expansion in double quotes", "B=1\nA=\"\\${B}\"", vars("B", "1", "A", "${B}")),
                row("escaped expansion unquoted", "B=1\nA=x\\${B}y", vars("B", "1", "A", "x${B}y")),
                row("escaped expansion in backticks", "B=1\nA=`\\${B}`", vars("B", "1", "A", "${B}")),
                row("escaped expansion after an unclosed one", "A=${B \\${C", vars("A", "${B ${C")),
                row("single quotes keep the backslash", "A='\\${B}'", vars("A", "\\${B}")),
                row("multi-line double", "A=\"line1\nline2\"\nB=2", vars("A", "line1\nline2", "B", "2")),
                row("multi-line single", "A='-----BEGIN-----\nMIIBabc==\n-----END-----'\nB=2",
                        vars("A", "-----BEGIN-----\nMIIBabc==\n-----END-----", "B", "2")),
                row("multi-line backtick", "A=`x\ny`", vars("A", "x\ny")),
                row("comment lines", "# c\n  # indented\nA=1 # trailing", vars("A", "1")),
                row("hash after blank cuts", "A=abc #def", vars("A", "abc")),
                row("hash inside value kept", "A=pa#ss", vars("A", "pa#ss")),
                row("hash at value start is a comment", "A=#nothing", vars("A", "")),
                row("comment after quotes", "A=\"x\" # c\nB='y'#c", vars("A", "x", "B", "y")),
                row("hash inside quotes kept", "A=\"a # b\"", vars("A", "a # b")),
                row("unquoted trimmed", "A=   spaced out   ", vars("A", "spaced out")),
                row("quoted keeps blanks", "A=\"  x  \"", vars("A", "  x  ")),
                row("empty", "A=\nB=", vars("A", "", "B", "")),
                row("empty quoted", "A=\"\"\nB=''", vars("A", "", "B", "")),
                row("last duplicate wins", "A=1\nB=2\nA=3", vars("A", "3", "B", "2")),
                row("CRLF", "A=1\r\nB=2\r\n", vars("A", "1", "B", "2")),
                row("CR", "A=1\rB=2", vars("A", "1", "B", "2")),
                row("CRLF in a multi-line value", "A=\"x\r\ny\"\r\nB=2", vars("A", "x\ny", "B", "2")),
                row("BOM", "\uFEFFA=1", vars("A", "1")),
                row("blank lines", "\n\n   \nA=1\n\n", vars("A", "1")),
                row("empty text", "", vars()),
                row("expansion", "B=1\nA=${B}2", vars("B", "1", "A", "12")),
                row("expansion of unset is empty", "A=x${NOPE}y", vars("A", "xy")),
                row("default when unset", "A=${NOPE:-def}", vars("A", "def")),
                row("default when empty", "B=\nA=${B:-def}", vars("B", "", "A", "def")),
                row("no default when set", "B=v\nA=${B:-def}", vars("B", "v", "A", "v")),
                row("default with blanks", "A=\"${NOPE:-a b}\"", vars("A", "a b")),
                row("self-reference, first line", "A=${A}x", vars("A", "x")),
                row("self-reference, redefined", "A=1\nA=${A}2", vars("A", "12")),
                row("forward reference is empty", "A=${B}\nB=1", vars("A", "", "B", "1")),
                row("bare dollars literal", "A=pa$$word\nB=$A\nC=cost $5", vars("A", "pa$$word", "B", "$A", "C", "cost $5")),
                row("command substitution literal", "A=$(whoami)\nB=\"$(rm -rf /)\"\nC=`$(id)`",
                        vars("A", "$(whoami)", "B", "$(rm -rf /)", "C", "$(id)")),
                row("single quotes not expanded", "B=1\nA='${B}'", vars("B", "1", "A", "${B}")),
                row("double quotes expanded", "B=1\nA=\"<${B}>\"", vars("B", "1", "A", "<1>")),
                row("backticks expanded", "B=1\nA=`<${B}>`", vars("B", "1", "A", "<1>")),
                row("never recursive", "B='${C}'\nC=x\nA=${B}", vars("B", "${C}", "C", "x", "A", "${C}")),
                row("default taken literally", "A=${NOPE:-${OTHER}}", vars("A", "${OTHER}")),
                row("other forms literal", "A=${B:=x}${B-y}", vars("A", "${B:=x}${B-y}")),
                row("unclosed ${ literal", "A=x${B", vars("A", "x${B")),
                row("unterminated double quote does not swallow", "A=\"abc\nB=2\nC=3", vars("B", "2", "C", "3")),
                row("unterminated quote before a quoted value", "A='abc\nB=2\nC='x'", vars("B", "2", "C", "x")),
                row("unterminated quote at the end", "A=1\nB=\"open", vars("A", "1")),
                row("text after closing quote", "A=\"x\" y\nB=2", vars("B", "2")),
                row("malformed lines skipped", "garbage\n=novalue\nexport\nA=1", vars("A", "1")),
                row("URL with query and fragment", "DATABASE_URL=postgresql://u:p@h/db?schema=a#frag",
                        vars("DATABASE_URL", "postgresql://u:p@h/db?schema=a#frag")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void parses(String name, String text, Map<String, String> expected) {
        try (LogCapture ignored = new LogCapture()) {
            Map<String, String> actual = Dotenv.parse(text);
            assertEquals(expected, actual);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "file order");
        }
    }

    @Test
    void lookupWinsOverEarlierLines() {
        Map<String, String> real = Map.of("HOST", "prod-db", "EMPTY", "");
        Map<String, String> m = Dotenv.parse("HOST=localhost\nURL=postgresql://${HOST}/db\nX=${EMPTY:-d}", real::get);
        assertEquals("postgresql://prod-db/db", m.get("URL"));
        assertEquals("d", m.get("X"));
    }

    @Test
    void malformedLinesAreWarnedAboutByNumberNeverByValue() {
        String text = "OK=1\nA=\"hunter2\nB=2\nnot a line with s3cr3t\r\nC='tail-secret";
        try (LogCapture log = new LogCapture()) {
            Map<String, String> m = Dotenv.parse(text);
            assertEquals(vars("OK", "1", "B", "2"), m);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(3, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("line 2"), warnings::toString);
            assertTrue(warnings.get(1).contains("line 4"), warnings::toString);
            assertTrue(warnings.get(2).contains("line 5"), warnings::toString);
            String all = String.join("\n", warnings);
            for (String secret : List.of("hunter2", "s3cr3t", "tail-secret")) {
                assertFalse(all.contains(secret), all);
            }
        }
    }

    @Test
    void lineNumbersCountMultiLineValues() {
        try (LogCapture log = new LogCapture()) {
            Dotenv.parse("A=\"1\n2\n3\"\nbroken\n");
            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).contains("line 4"), log.messages().toString());
        }
    }

    @Test
    void loadReadsAFileAndNamesItInWarnings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "A=1\nbroken\n");
        try (LogCapture log = new LogCapture()) {
            assertEquals(Map.of("A", "1"), Dotenv.load(file));
            assertTrue(log.messages(Level.WARNING).get(0).contains(file.toString()));
        }
    }

    @Test
    void aMissingFileIsEmpty(@TempDir Path dir) {
        assertEquals(Map.of(), Dotenv.load(dir.resolve("nope.env")));
    }

    @Test
    void anUnreadableFileIsAnErrorNamingThePath(@TempDir Path dir) throws IOException {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> Dotenv.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        Path latin1 = dir.resolve("latin1.env");
        Files.write(latin1, new byte[] {'A', '=', (byte) 0xE9, '\n'});
        e = assertThrows(DatabaseConfigException.class, () -> Dotenv.load(latin1));
        assertTrue(e.getMessage().contains(latin1.toString()) && e.getMessage().contains("UTF-8"), e.getMessage());
    }
    @Test
    void exponentialExpansionIsCappedPerValueWithAWarningNamingTheLine() {
        StringBuilder text = new StringBuilder("V0=xy\n");
        for (int n = 1; n < 40; n++) {
            text.append('V').append(n).append("=${V").append(n - 1).append("}${V").append(n - 1).append("}\n");
        }
        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            Map<String, String> m = Dotenv.parse(text.toString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(DotenvParser.MAX_VALUE_LENGTH, m.get("V19").length(), "2^20 characters is at the cap");
            assertFalse(m.containsKey("V20"), "over the cap: skipped");
            assertEquals("", m.get("V21"), "a skipped line is unset for later lines");
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("Skipping line 21 of the .env text: expanding"), warnings::toString);
            assertTrue(millis < 5_000, "took " + millis + " ms");
        }
    }

    @Test
    void selfReferenceDoublingIsCappedToo() {
        String text = "A=ab\n" + "A=${A}${A}\n".repeat(100);
        try (LogCapture log = new LogCapture()) {
            Map<String, String> m = Dotenv.parse(text);
            assertEquals(DotenvParser.MAX_VALUE_LENGTH, m.get("A").length());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(21, warnings.size(), "lines 21 to 101 would double past the cap: 20 warnings and a count");
            assertTrue(warnings.get(20).startsWith("Skipped 61 more lines of the .env text after line 40"),
                    warnings::toString);
        }
    }

    @Test
    void expansionIsCappedPerFileWithAWarningPerSkippedLine() {
        String big = "b".repeat(1_000_000);
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 12; n++) {
            text.append('B').append(n).append("=${BIG}\n");
        }
        text.append("SMALL=1\n");
        try (LogCapture log = new LogCapture()) {
            Map<String, String> m = Dotenv.parse(text.toString(), Map.of("BIG", big)::get);
            assertEquals(big, m.get("B10"));
            assertFalse(m.containsKey("B11") || m.containsKey("B12"), "past 10 MB in total");
            assertEquals("1", m.get("SMALL"));
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(2, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("line 11") && warnings.get(1).contains("line 12"), warnings::toString);
            assertFalse(String.join("\n", warnings).contains("bbbb"), "never the value");
        }
    }

    @Test
    void selfReferenceIsNotRecursive() {
        assertEquals(Map.of("A", ""), Dotenv.parse("A=${A}"));
        assertEquals(Map.of("A", "x-x"), Dotenv.parse("A=x\nA=${A}-${A}"));
        assertEquals(Map.of("A", "${B}", "B", "${A}"), Dotenv.parse("A='${B}'\nB='${A}'"), "single quotes never expand");
        assertEquals(Map.of("A", "${B}", "B", "${B}"), Dotenv.parse("A='${B}'\nB=${A}"), "inserted text is not expanded again");
    }

    @Test
    void unclosedQuotesOnEveryLineTakeLinearTime() {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 100_000; n++) {
            text.append("K").append(n % 3 == 0 ? "=\"" : n % 3 == 1 ? "='" : "=`").append("x \\\" ${K} $(id)\n");
        }
        text.append("LAST=ok\n");
        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            Map<String, String> m = Dotenv.parse(text.toString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("ok", m.get("LAST"));
            assertTrue(millis < 3_000, "took " + millis + " ms");
            assertFalse(log.messages(Level.WARNING).isEmpty());

            start = System.nanoTime();
            m = Dotenv.parse("A=\"" + "\\\"x\n".repeat(200_000) + "B=1");
            millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Map.of("B", "1"), m, "one unclosed quote never swallows the file");
            assertTrue(millis < 3_000, "took " + millis + " ms");
        }
    }
}
