package io.credpool.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for secret documents and AWS answers.
 *
 * <p>Objects become unmodifiable {@code Map<String, Object>} in document order (a repeated key:
 * the last one wins), arrays unmodifiable {@code List<Object>}, numbers {@link BigDecimal},
 * {@code true}/{@code false} {@link Boolean}, {@code null} Java {@code null}. Anything else, including
 * trailing text after the value, nesting deeper than 256 and a number longer than
 * {@value #MAX_NUMBER_LENGTH} characters, is a {@link JsonException} that never quotes the input.
 * Time is linear in the length of the text.
 */
public final class Json {

    private static final int MAX_DEPTH = 256;

    /**
     * The longest number read, in characters: {@link BigDecimal} takes time quadratic in the
     * length, and no secret or AWS answer holds a number anywhere near this long.
     */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Reads one JSON value that must span the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) {
        if (text == null) {
            throw new JsonException("No JSON text", 0);
        }
        Json reader = new Json(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new JsonException("Unexpected text after the JSON value", reader.pos);
        }
        return value;
    }

    /** Reads a JSON text that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("Expected a JSON object", 0);
        }
        return (Map<String, Object>) value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested too deeply", pos);
        }
        if (pos >= text.length()) {
            throw new JsonException("Unexpected end of JSON", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new JsonException("Expected a JSON value", pos);
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("Expected a string key", pos);
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            char c = next("Expected ',' or '}'");
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw new JsonException("Expected ',' or '}'", pos - 1);
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next("Expected ',' or ']'");
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw new JsonException("Expected ',' or ']'", pos - 1);
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("Unterminated string", start - 1);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw new JsonException("Control character in string", pos);
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos);
                pos++;
                out.append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char escape() {
        char c = next("Unterminated escape");
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return hex4();
            default: throw new JsonException("Invalid escape", pos - 1);
        }
    }

    /** Four hex digits; a surrogate pair arrives as two escapes and is joined by the string itself. */
    private char hex4() {
        if (pos + 4 > text.length()) {
            throw new JsonException("Truncated \\u escape", pos);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(pos + i);
            int digit = c < 128 ? Character.digit(c, 16) : -1; // ASCII only: Character.digit accepts fullwidth digits
            if (digit < 0) {
                throw new JsonException("Invalid \\u escape", pos);
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new JsonException("Invalid number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new JsonException("Invalid number", start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonException("Invalid number", start);
            }
            digits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new JsonException("Number longer than " + MAX_NUMBER_LENGTH + " characters", start);
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new JsonException("Number out of range", start);
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw new JsonException("Expected a JSON value", pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (next("Expected '" + c + "'") != c) {
            throw new JsonException("Expected '" + c + "'", pos - 1);
        }
    }

    private char next(String whatWasExpected) {
        if (pos >= text.length()) {
            throw new JsonException(whatWasExpected + " before the end", pos);
        }
        return text.charAt(pos++);
    }

    /** The current character, or NUL at the end (NUL is never valid where peek is used). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
