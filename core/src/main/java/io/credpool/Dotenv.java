package io.credpool;

import io.credpool.internal.config.DotenvParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads {@code .env} files the way Node's {@code dotenv} and {@code dotenv-expand} do, so one file
 * serves a Java service and the JavaScript tools next to it.
 *
 * <pre>{@code
 * # comment
 * export DATABASE_URL="postgresql://app:${DB_PASSWORD:-dev}@localhost:5432/app"
 * GREETING='single quotes: no ${expansion}, no \n escapes'
 * PEM="-----BEGIN KEY-----
 * MIIB...
 * -----END KEY-----"
 * PLAIN = value with spaces   # trimmed, comment cut
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>A line is {@code KEY=value} or {@code KEY: value}, optionally after {@code export }; keys are
 *     letters, digits, {@code _}, {@code .} and {@code -}. Blank lines and {@code #} lines are skipped.</li>
 * <li>Values may be quoted with {@code '}, {@code "} or {@code `} and then span lines. A
 *     backslash before the quote or before another backslash does not end the value
 *     ({@code "say \"hi\""}, {@code "C:\\"}) and both characters are kept. Inside double
 *     quotes {@code \n} and {@code \r} become line breaks; nothing else is unescaped, and only a
 *     blank or a {@code #} comment may follow the closing quote.</li>
 * <li>Unquoted values are trimmed and end at a {@code #} that starts the value or follows a
 *     blank, so {@code pa#ss} stays whole.</li>
 * <li>The last of a repeated key wins. CRLF and CR line ends and a leading BOM are accepted.</li>
 * <li>A line that cannot be read (no {@code =}, a quote that is never closed, text after a closing
 *     quote) is skipped with a warning on logger {@code io.credpool} naming its line number, never
 *     its text; reading resumes on the next line, so one unclosed quote never swallows the file.</li>
 * <li>Expansion, in double-quoted, backtick-quoted and unquoted values: {@code ${VAR}} (empty when
 *     unset) and {@code ${VAR:-default}} (the default when unset or empty), where {@code VAR} is a
 *     letter or {@code _} followed by letters, digits or {@code _}; resolved against the
 *     lookup first and then earlier lines. Nothing else: a bare {@code $} stays (so
 *     {@code pa$$word} is kept), {@code $(cmd)} stays, inserted values are never expanded again,
 *     and a default is taken literally. A backslash right before <code>${</code> keeps it literal and
 *     goes: {@code \${VAR}} is {@code ${VAR}}. Single-quoted values are never expanded.</li>
 * <li>A value longer than 1 MB after expansion, or one that would take the file's values past
 *     10 MB in total, is skipped with a warning naming its line, like a malformed line; so a file
 *     whose lines each double the one before costs linear time and memory. After 20 warnings the
 *     remaining skipped lines are counted in one.</li>
 * </ul>
 */
public final class Dotenv {

    private Dotenv() {
    }

    /**
     * Reads {@code text}; {@code ${VAR}} resolves against earlier lines only.
     *
     * @return the variables in file order, unmodifiable; its {@code toString()} masks secrets
     *         (names containing PASSWORD, SECRET, TOKEN or KEY, and passwords in URLs); never
     *         throws for any text
     */
    public static Map<String, String> parse(String text) {
        return parse(text, name -> null);
    }

    /**
     * Reads {@code text}; {@code ${VAR}} resolves with {@code lookup} first (typically the real
     * environment, which a {@code .env} file never overrides; return {@code null} for unset), then
     * against earlier lines.
     *
     * @return the variables in file order, unmodifiable; its {@code toString()} masks secrets
     *         (names containing PASSWORD, SECRET, TOKEN or KEY, and passwords in URLs); never
     *         throws for any text
     */
    public static Map<String, String> parse(String text, Function<String, String> lookup) {
        return DotenvParser.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(lookup, "lookup"),
                "the .env text");
    }

    /**
     * Reads the UTF-8 file {@code file}. A missing file is an empty map: having no {@code .env}
     * is normal.
     *
     * @throws DatabaseConfigException naming the path when the file exists but cannot be read or is not UTF-8
     */
    public static Map<String, String> load(Path file) {
        return load(file, name -> null);
    }

    /** {@link #load(Path)} with a lookup for {@code ${VAR}}, as {@link #parse(String, Function)}. */
    static Map<String, String> load(Path file, Function<String, String> lookup) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (CharacterCodingException e) {
            throw new DatabaseConfigException("Cannot read " + file + ": it is not UTF-8 text; save it as UTF-8");
        } catch (IOException | SecurityException e) {
            throw new DatabaseConfigException("Cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): fix its permissions or remove it");
        }
        return DotenvParser.parse(text, lookup, file.toString());
    }
}
