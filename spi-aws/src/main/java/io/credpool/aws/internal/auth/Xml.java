package io.credpool.aws.internal.auth;

/**
 * Reads the text of a simple element from the small, flat XML answers of STS. Not a parser: it
 * finds the first {@code <tag>...</tag>} and decodes the five predefined entities and numeric
 * character references.
 */
final class Xml {

    private Xml() {
    }

    /** The decoded text of the first element named {@code tag}, or {@code null}. */
    static String text(String xml, String tag) {
        if (xml == null) {
            return null;
        }
        String open = "<" + tag;
        int from = 0;
        while (true) {
            int start = xml.indexOf(open, from);
            if (start < 0) {
                return null;
            }
            int after = start + open.length();
            if (after >= xml.length()) {
                return null;
            }
            char next = xml.charAt(after);
            if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n' || next == '\r') {
                int gt = xml.indexOf('>', after);
                if (gt < 0) {
                    return null;
                }
                if (xml.charAt(gt - 1) == '/') {
                    return "";
                }
                int end = xml.indexOf("</" + tag + ">", gt + 1);
                return end < 0 ? null : decode(xml.substring(gt + 1, end).trim());
            }
            from = after;
        }
    }

    private static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi < 0) {
                out.append(c);
                i++;
                continue;
            }
            String entity = s.substring(i + 1, semi);
            String replacement = null;
            switch (entity) {
                case "amp": replacement = "&"; break;
                case "lt": replacement = "<"; break;
                case "gt": replacement = ">"; break;
                case "quot": replacement = "\""; break;
                case "apos": replacement = "'"; break;
                default:
                    if (entity.startsWith("#x") || entity.startsWith("#X")) {
                        replacement = codePoint(entity.substring(2), 16);
                    } else if (entity.startsWith("#")) {
                        replacement = codePoint(entity.substring(1), 10);
                    }
            }
            if (replacement == null) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i = semi + 1;
            }
        }
        return out.toString();
    }

    private static String codePoint(String digits, int radix) {
        try {
            return new String(Character.toChars(Integer.parseInt(digits, radix)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
