package io.credpool.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a+b       | a+b       | a b",
            "%41%42    | AB        | AB",
            "%zz%4     | %zz%4     | %zz%4",
            "100%      | 100%      | 100%",
            "%C3%A9    | \u00e9     | \u00e9",
            "%C3       | %C3       | %C3",
            "%C3%28    | %C3(      | %C3(",
            "%E2%82    | %E2%82    | %E2%82",
            "%F0%9F%94%91x | \uD83D\uDD11x | \uD83D\uDD11x",
            "%ED%A0%80 | %ED%A0%80 | %ED%A0%80",
            "%C0%AF    | %C0%AF    | %C0%AF",
    })
    void decodes(String in, String percent, String form) {
        assertEquals(percent, Codec.decodePercent(in));
        assertEquals(form, Codec.decodeForm(in));
    }

    @Test
    void plusIsASpaceOnlyInForms() {
        assertEquals("++ ", Codec.decodePercent("%2B+%20"));
        assertEquals("+  ", Codec.decodeForm("%2B+%20"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app          | app",
            "my db        | my%20db",
            "a+b/c?d#e%f  | a%2Bb%2Fc%3Fd%23e%25f",
            "caf\u00e9    | caf%C3%A9",
            "A-Z.a_z~09   | A-Z.a_z~09",
    })
    void encodesPaths(String in, String out) {
        assertEquals(out, Codec.encodePath(in));
        assertEquals(in, Codec.decodePercent(out));
    }
}
