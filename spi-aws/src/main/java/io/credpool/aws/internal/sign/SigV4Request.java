package io.credpool.aws.internal.sign;

import java.util.List;
import java.util.Objects;

/**
 * The parts of an HTTP request that SigV4 signs.
 *
 * @param method      the HTTP method, e.g. {@code POST}
 * @param path        the path as it appears in the URL, {@code /} at least; it is encoded (again) for
 *                    the canonical request, as every AWS service but S3 expects
 * @param query       the query parameters, decoded, in any order; may repeat a name
 * @param headers     the headers to sign, names in any case, {@code host} included; may repeat a name
 * @param payloadHash lower-case hex SHA-256 of the body ({@link Crypto#EMPTY_SHA256} without one)
 */
public record SigV4Request(String method, String path, List<Param> query, List<Param> headers, String payloadHash) {

    /** Copies the lists and rejects nulls. */
    public SigV4Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(payloadHash, "payloadHash");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
    }

    /** A name and a value: a header or a decoded query parameter. */
    public record Param(String name, String value) {

        /** Rejects nulls; an absent query value is the empty string. */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
