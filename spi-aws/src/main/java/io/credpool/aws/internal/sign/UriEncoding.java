package io.credpool.aws.internal.sign;

import java.nio.charset.StandardCharsets;

/**
 * The URI encoding SigV4 prescribes: unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay, every
 * other byte of the UTF-8 form becomes {@code %XX} with upper-case hex; a space is {@code %20}, never
 * {@code +}.
 */
public final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes a query parameter name or value: {@code /} is encoded too. */
    public static String encode(String text) {
        return encode(text, false);
    }

    /** Encodes a path: {@code /} stays. */
    public static String encodePath(String path) {
        return encode(path, true);
    }

    private static String encode(String text, boolean keepSlash) {
        int n = text.length();
        int i = 0;
        while (i < n && isUnreserved(text.charAt(i), keepSlash)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + 16);
        out.append(text, 0, i);
        byte[] bytes = text.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c, keepSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c, boolean keepSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
    }
}
