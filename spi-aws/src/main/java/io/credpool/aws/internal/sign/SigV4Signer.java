package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 for one service in one region: the {@code Authorization} header, or a
 * presigned query string (RDS auth tokens).
 *
 * <p>Thread-safe. The derived signing key is cached for the current date and secret key, so
 * signing costs one HMAC for the string to sign plus hashing the canonical request.
 */
public final class SigV4Signer {

    /** The algorithm name. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final String TERMINATOR = "aws4_request";

    /** Ways of signing other than the default; a call names the ones it wants, e.g. {@code sign(r, keys, now, CONTENT_SHA256)}. */
    public enum Option {
        /** Header signing only: add {@code x-amz-content-sha256} with the payload hash and sign it, as the AWS SDKs do. */
        CONTENT_SHA256,
        /** Add the session token after signing instead of signing it (some services ask for that). */
        UNSIGNED_SESSION_TOKEN,
        /** Sign the path as given, without removing {@code .}, {@code ..} and empty segments (S3 always does). */
        PATH_AS_IS
    }

    private final String service;
    private final String region;
    private final boolean normalizePath;
    private volatile DerivedKey derivedKey;

    /** A signer for {@code service} in {@code region}; paths are normalised for every service but S3. */
    public SigV4Signer(String service, String region) {
        this.service = service;
        this.region = region;
        this.normalizePath = !"s3".equals(service);
    }

    /** The signing name of the service, e.g. {@code secretsmanager}. */
    public String service() {
        return service;
    }

    /** The region, e.g. {@code eu-west-1}. */
    public String region() {
        return region;
    }

    /**
     * Signs with an {@code Authorization} header. Adds {@code X-Amz-Date} and, for temporary
     * credentials, a signed {@code X-Amz-Security-Token} (unsigned with {@link Option#UNSIGNED_SESSION_TOKEN}).
     */
    public SigV4Signature sign(SigV4Request request, AwsCredentials credentials, Instant now, Option... options) {
        boolean signSessionToken = !has(options, Option.UNSIGNED_SESSION_TOKEN);
        boolean addContentSha256 = has(options, Option.CONTENT_SHA256);
        String amzDate = amzDate(now);
        String token = credentials.sessionToken();
        List<Param> headers = new ArrayList<>(request.headers().size() + 3);
        for (Param h : request.headers()) {
            String name = h.name();
            boolean replaced = name.equalsIgnoreCase("x-amz-date") || name.equalsIgnoreCase("authorization")
                    || (token != null && name.equalsIgnoreCase("x-amz-security-token"))
                    || (addContentSha256 && name.equalsIgnoreCase("x-amz-content-sha256"));
            if (!replaced) {
                headers.add(h);
            }
        }
        List<Param> added = new ArrayList<>(4);
        added.add(new Param("X-Amz-Date", amzDate));
        if (token != null && signSessionToken) {
            added.add(new Param("X-Amz-Security-Token", token));
        }
        if (addContentSha256) {
            added.add(new Param("x-amz-content-sha256", request.payloadHash()));
        }
        headers.addAll(added);

        TreeMap<String, String> canonicalHeaders = canonicalHeaders(headers);
        String signedHeaders = signedHeaders(canonicalHeaders);
        String canonicalRequest = canonicalRequest(request.method(), request.path(),
                canonicalQuery(request.query()), canonicalHeaders, signedHeaders, request.payloadHash(), options);
        String scope = scope(amzDate);
        String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
        String signature = Crypto.hex(Crypto.hmac(signingKey(credentials.secretAccessKey(), amzDate), stringToSign));

        if (token != null && !signSessionToken) {
            added.add(new Param("X-Amz-Security-Token", token));
        }
        added.add(new Param("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
        return new SigV4Signature(canonicalRequest, stringToSign, signature, List.copyOf(added), null);
    }

    /**
     * Presigns in the query string: every header of the request is signed (normally just
     * {@code host}); the session token is part of the signed query (appended after signing with
     * {@link Option#UNSIGNED_SESSION_TOKEN}).
     *
     * @param expiresSeconds the {@code X-Amz-Expires} value, 1 to 604800
     * @throws IllegalArgumentException for {@code expiresSeconds} out of range, or {@link Option#CONTENT_SHA256}
     */
    public SigV4Signature presign(SigV4Request request, AwsCredentials credentials, Instant now, long expiresSeconds,
                                  Option... options) {
        if (expiresSeconds < 1 || expiresSeconds > 604_800) {
            throw new IllegalArgumentException("X-Amz-Expires must be between 1 and 604800 seconds");
        }
        if (has(options, Option.CONTENT_SHA256)) {
            throw new IllegalArgumentException("CONTENT_SHA256 applies to header signing only");
        }
        boolean signSessionToken = !has(options, Option.UNSIGNED_SESSION_TOKEN);
        String amzDate = amzDate(now);
        String scope = scope(amzDate);
        String token = credentials.sessionToken();
        TreeMap<String, String> canonicalHeaders = canonicalHeaders(request.headers());
        String signedHeaders = signedHeaders(canonicalHeaders);

        List<Param> query = new ArrayList<>(request.query().size() + 6);
        query.addAll(request.query());
        query.add(new Param("X-Amz-Algorithm", ALGORITHM));
        query.add(new Param("X-Amz-Credential", credentials.accessKeyId() + "/" + scope));
        query.add(new Param("X-Amz-Date", amzDate));
        query.add(new Param("X-Amz-Expires", Long.toString(expiresSeconds)));
        query.add(new Param("X-Amz-SignedHeaders", signedHeaders));
        if (token != null && signSessionToken) {
            query.add(new Param("X-Amz-Security-Token", token));
        }
        String canonicalQuery = canonicalQuery(query);
        String canonicalRequest = canonicalRequest(request.method(), request.path(), canonicalQuery,
                canonicalHeaders, signedHeaders, request.payloadHash(), options);
        String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
        String signature = Crypto.hex(Crypto.hmac(signingKey(credentials.secretAccessKey(), amzDate), stringToSign));

        StringBuilder full = new StringBuilder(canonicalQuery.length() + 100);
        full.append(canonicalQuery);
        if (token != null && !signSessionToken) {
            full.append("&X-Amz-Security-Token=").append(UriEncoding.encode(token));
        }
        full.append("&X-Amz-Signature=").append(signature);
        return new SigV4Signature(canonicalRequest, stringToSign, signature, List.of(), full.toString());
    }

    /** The canonical request: method, URI, query, headers, signed headers and payload hash, one per line. */
    private String canonicalRequest(String method, String path, String canonicalQuery,
                                    TreeMap<String, String> canonicalHeaders, String signedHeaders,
                                    String payloadHash, Option[] options) {
        boolean normalize = normalizePath && !has(options, Option.PATH_AS_IS);
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n')
                .append(UriEncoding.encodePath(normalize ? normalizePath(path) : emptyToSlash(path))).append('\n')
                .append(canonicalQuery).append('\n');
        for (Map.Entry<String, String> h : canonicalHeaders.entrySet()) {
            out.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return out.toString();
    }

    private static boolean has(Option[] options, Option wanted) {
        for (Option o : options) {
            if (o == wanted) {
                return true;
            }
        }
        return false;
    }

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    private static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Crypto.sha256Hex(canonicalRequest);
    }

    /** The signing key for the date of {@code amzDate}, derived once per day and secret key. */
    private byte[] signingKey(String secretAccessKey, String amzDate) {
        String date = amzDate.substring(0, 8);
        DerivedKey cached = derivedKey;
        if (cached != null && cached.date.equals(date) && cached.secret.equals(secretAccessKey)) {
            return cached.key;
        }
        byte[] key = deriveKey(secretAccessKey, date, region, service);
        derivedKey = new DerivedKey(secretAccessKey, date, key);
        return key;
    }

    /** The SigV4 signing key for {@code date} ({@code yyyyMMdd}), region and service. */
    static byte[] deriveKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = Crypto.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = Crypto.hmac(key, region);
        key = Crypto.hmac(key, service);
        return Crypto.hmac(key, TERMINATOR);
    }

    /** Lower-cased names in order, each with its values trimmed, inner whitespace runs collapsed, joined by commas. */
    static TreeMap<String, String> canonicalHeaders(List<Param> headers) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Param h : headers) {
            String name = lowerCase(h.name().trim());
            String value = trimAll(h.value());
            String previous = out.get(name);
            out.put(name, previous == null ? value : previous + "," + value);
        }
        return out;
    }

    private static String signedHeaders(TreeMap<String, String> canonicalHeaders) {
        StringBuilder out = new StringBuilder(64);
        for (String name : canonicalHeaders.keySet()) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(name);
        }
        return out.toString();
    }

    /** Names and values encoded, sorted by name then value, joined with {@code &}. */
    static String canonicalQuery(List<Param> query) {
        if (query.isEmpty()) {
            return "";
        }
        String[][] pairs = new String[query.size()][];
        for (int i = 0; i < pairs.length; i++) {
            Param p = query.get(i);
            pairs[i] = new String[] {UriEncoding.encode(p.name()), UriEncoding.encode(p.value())};
        }
        Arrays.sort(pairs, ByNameThenValue.INSTANCE);
        StringBuilder out = new StringBuilder(128);
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /**
     * Removes {@code .} and {@code ..} segments and empty segments ({@code //}); keeps a trailing
     * slash; the empty path is {@code /}.
     */
    static String normalizePath(String path) {
        String[] segments = path.split("/", -1);
        String[] kept = new String[segments.length];
        int n = 0;
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (n > 0) {
                    n--;
                }
                continue;
            }
            kept[n++] = s;
        }
        StringBuilder out = new StringBuilder(path.length() + 1);
        for (int i = 0; i < n; i++) {
            out.append('/').append(kept[i]);
        }
        if (n == 0 || path.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
    }

    private static String emptyToSlash(String path) {
        return path.isEmpty() ? "/" : path;
    }

    /** Trims and turns every run of whitespace (spaces, tabs, folded line breaks) into one space. */
    static String trimAll(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String lowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, without a formatter. */
    public static String amzDate(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] out = new char[16];
        put(out, 0, t.getYear(), 4);
        put(out, 4, t.getMonthValue(), 2);
        put(out, 6, t.getDayOfMonth(), 2);
        out[8] = 'T';
        put(out, 9, t.getHour(), 2);
        put(out, 11, t.getMinute(), 2);
        put(out, 13, t.getSecond(), 2);
        out[15] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static final class DerivedKey {
        final String secret;
        final String date;
        final byte[] key;

        DerivedKey(String secret, String date, byte[] key) {
            this.secret = secret;
            this.date = date;
            this.key = key;
        }
    }

    private static final class ByNameThenValue implements Comparator<String[]> {
        static final ByNameThenValue INSTANCE = new ByNameThenValue();

        @Override
        public int compare(String[] a, String[] b) {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        }
    }
}
