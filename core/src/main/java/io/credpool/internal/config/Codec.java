package io.credpool.internal.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and -encoding for database URLs. Decoding never fails: an escape that is not
 * {@code %} and two hex digits, or bytes that are not UTF-8, stay as written.
 */
public final class Codec {

    private Codec() {
    }

    /** Percent-decodes a user name, password or path; {@code +} stays {@code +}. */
    public static String decodePercent(String s) {
        return decode(s, false);
    }

    /** Form-decodes a query key or value: {@code +} is a space, then percent-decoding. */
    public static String decodeForm(String s) {
        return decode(s, true);
    }

    /**
     * Encodes a database name for the path of a JDBC URL: everything but unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) as UTF-8 {@code %XX}. The driver form-decodes the path, so
     * {@code +} must be encoded too.
     */
    public static String encodePath(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i)) {
                int start = i;
                while (i < s.length() && s.charAt(i) == '%' && isEscape(s, i)) {
                    i += 3;
                }
                decodeRun(s, start, i, out);
            } else {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    /** Decodes a run of {@code %XX} escapes as UTF-8; a byte that starts no valid sequence stays as written. */
    private static void decodeRun(String s, int start, int end, StringBuilder out) {
        int n = (end - start) / 3;
        byte[] bytes = new byte[n];
        for (int k = 0; k < n; k++) {
            int at = start + 3 * k;
            bytes[k] = (byte) (Character.digit(s.charAt(at + 1), 16) * 16 + Character.digit(s.charAt(at + 2), 16));
        }
        int k = 0;
        while (k < n) {
            int len = sequenceLength(bytes[k]);
            String decoded = len > 0 && k + len <= n ? strictUtf8(bytes, k, len) : null;
            if (decoded == null) {
                int at = start + 3 * k;
                out.append(s, at, at + 3);
                k++;
            } else {
                out.append(decoded);
                k += len;
            }
        }
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return 2;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            return 3;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            return 4;
        }
        return 0;
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
