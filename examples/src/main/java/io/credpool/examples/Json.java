package io.credpool.examples;

import java.util.List;
import java.util.stream.Collectors;

/** Just enough JSON writing for the examples. */
final class Json {

    private Json() {
    }

    /** {@code s} as a JSON string literal. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** A JSON array of users. */
    static String users(List<User> users) {
        return users.stream().map(User::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    /** {@code {"error": message}}. */
    static String error(String message) {
        return "{\"error\":" + string(message) + "}";
    }
}
