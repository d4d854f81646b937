package io.credpool.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("{}", Map.of()),
                Arguments.of(" { \"a\" : 1 , \"b\" : [ ] } ", Map.of("a", new BigDecimal("1"), "b", List.of())),
                Arguments.of("[]", List.of()),
                Arguments.of("[1, \"two\", true, false, [3]]",
                        List.of(new BigDecimal("1"), "two", true, false, List.of(new BigDecimal("3")))),
                Arguments.of("\"plain\"", "plain"),
                Arguments.of("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t"),
                Arguments.of("\"\\u0041\\u00e9\\u00E9\\u20AC\"", "A\u00e9\u00e9\u20ac"),
                Arguments.of("\"\\uD83D\\uDD11 key\"", "\uD83D\uDD11 key"),
                Arguments.of("\"raw \uD83D\uDD11 and \u00e9\"", "raw \uD83D\uDD11 and \u00e9"),
                Arguments.of("\"\\u0000\"", "\u0000"),
                Arguments.of("0", new BigDecimal("0")),
                Arguments.of("-0", new BigDecimal("-0")),
                Arguments.of("5432", new BigDecimal("5432")),
                Arguments.of("-12.5e-3", new BigDecimal("-12.5e-3")),
                Arguments.of("1E+2", new BigDecimal("1E+2")),
                Arguments.of("123456789012345678901234567890", new BigDecimal("123456789012345678901234567890")),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("{\"a\":{\"b\":{\"c\":[{\"d\":null}]}}}",
                        Map.of("a", Map.of("b", Map.of("c", List.of(nullMap()))))),
                Arguments.of("{\"k\":1,\"k\":2}", Map.of("k", new BigDecimal("2"))),
                Arguments.of("\t\r\n[\n1\n]\n", List.of(new BigDecimal("1"))));
    }

    private static Map<String, Object> nullMap() {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("d", null);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void reads(String text, Object expected) {
        assertEquals(expected, Json.parse(text));
    }

    @Test
    void nullIsJavaNull() {
        assertNull(Json.parse("null"));
        assertTrue(Json.parseObject("{\"a\":null}").containsKey("a"));
    }

    @Test
    void objectsKeepDocumentOrderAndAreUnmodifiable() {
        Map<String, Object> m = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) Json.parse("[1]");
        assertThrows(UnsupportedOperationException.class, () -> list.add(2));
    }

    static Stream<String> malformed() {
        return Stream.of("", "   ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1 2]",
                "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u\uFF10\uFF10\uFF14\uFF11\"",
                "\"tab\tinside\"", "\"line\nbreak\"", "01", "-", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity",
                "tru", "nul", "truex", "{} {}", "[] x", "1 2", "\"a\" \"b\"", "{\"a\":1}}", "[1]]", "\u00a0[1]",
                "[".repeat(300) + "]".repeat(300), "1e9999999999");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejects(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains("at offset"), e.getMessage());
    }

    @Test
    void errorsNeverQuoteTheText() {
        for (String text : List.of("{\"password\":\"hunter2\" x}", "{\"password\":\"hunter2\\q\"}", "[\"hunter2\",]",
                "{\"password\":\"hunter2\"} hunter2")) {
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void parseObjectRejectsOtherValuesAndNull() {
        assertThrows(JsonException.class, () -> Json.parseObject("[1]"));
        assertThrows(JsonException.class, () -> Json.parseObject("\"s\""));
        assertThrows(JsonException.class, () -> Json.parse(null));
    }

    @Test
    void deepButAllowedNesting() {
        assertEquals(List.of(List.of()), Json.parse("[[]]"));
        Object deep = Json.parse("[".repeat(200) + "]".repeat(200));
        for (int i = 0; i < 199; i++) {
            deep = ((List<?>) deep).get(0);
        }
        assertEquals(List.of(), deep);
    }
    @Test
    void aNumberLongerThanTheCapIsRejectedQuicklyWithoutQuotingIt() {
        String digits = "7".repeat(800_000);
        long start = System.nanoTime();
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"port\":" + digits + "}"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().startsWith("Number longer than " + Json.MAX_NUMBER_LENGTH + " characters"),
                e.getMessage());
        assertFalse(e.getMessage().contains("7777"), e.getMessage());
        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertThrows(JsonException.class, () -> Json.parse("0." + "1".repeat(Json.MAX_NUMBER_LENGTH)));
        assertThrows(JsonException.class, () -> Json.parse("1e" + "0".repeat(Json.MAX_NUMBER_LENGTH)));
    }

    @Test
    void aNumberAtTheCapIsRead() {
        String atCap = "-" + "9".repeat(Json.MAX_NUMBER_LENGTH - 1);
        assertEquals(new BigDecimal(atCap), Json.parse(atCap));
    }

    @Test
    void nestingFarBeyondTheLimitIsAJsonExceptionNotAStackOverflow() {
        for (String open : List.of("[", "{\"a\":")) {
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(open.repeat(1_000_000)));
            assertTrue(e.getMessage().startsWith("JSON nested too deeply"), e.getMessage());
        }
    }

    @Test
    void loneSurrogatesAreKeptAsTheyAre() {
        assertEquals("\uD800", Json.parse("\"\\uD800\""));
        assertEquals("x\uDC00y", Json.parse("\"x\\uDC00y\""));
        assertEquals("\uDC00\uD800", Json.parse("\"\\uDC00\\uD800\""), "reversed pair is two lone surrogates");
        assertEquals("raw \uD800", Json.parse("\"raw \uD800\""));
    }

    @Test
    void theLastDuplicateKeyWinsEvenAcrossManyRepeats() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            text.append("\"password\":\"p").append(i).append("\",");
        }
        text.append("\"password\":\"last\"}");
        Map<String, Object> m = Json.parseObject(text.toString());
        assertEquals(Map.of("password", "last"), m);
    }
}
