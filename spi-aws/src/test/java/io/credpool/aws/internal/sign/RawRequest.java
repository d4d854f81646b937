package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw HTTP/1.1 request as the published test suites write it, split into what the signer needs. */
record RawRequest(String method, String path, List<Param> query, List<Param> headers, String body) {

    static RawRequest parse(String text) {
        String[] lines = text.split("\n", -1);
        String requestLine = lines[0];
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        List<Param> query = q < 0 ? List.of() : parseQuery(target.substring(q + 1));

        List<Param> headers = new ArrayList<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                Param last = headers.remove(headers.size() - 1);
                headers.add(new Param(last.name(), last.value() + "\n" + line));
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new Param(line.substring(0, colon), line.substring(colon + 1)));
        }
        StringBuilder body = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
            if (j > i + 1) {
                body.append('\n');
            }
            body.append(lines[j]);
        }
        return new RawRequest(method, path, query, headers, body.toString());
    }

    static List<Param> parseQuery(String query) {
        List<Param> out = new ArrayList<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new Param(percentDecode(name), percentDecode(value)));
        }
        return out;
    }

    /** {@code %XX} decoding to UTF-8; {@code +} stays {@code +}. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    String payloadHash() {
        return Crypto.sha256Hex(body);
    }

    SigV4Request toSigV4(String payloadHash) {
        return new SigV4Request(method, path, query, headers, payloadHash);
    }

    /** The header lines of a signed request file whose name is {@code name}, any case. */
    String header(String name) {
        for (Param h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
