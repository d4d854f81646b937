package io.credpool.aws.internal.sign;

import io.credpool.aws.internal.sign.SigV4Request.Param;
import java.util.List;

/**
 * The outcome of signing, with the intermediate texts kept for tests and troubleshooting (none of
 * them holds the secret access key; the canonical request holds the session token when it is signed).
 *
 * @param canonicalRequest the canonical request
 * @param stringToSign     the string to sign
 * @param signature        the hex signature
 * @param headers          header signing: the headers to add to the request, {@code Authorization}
 *                         last; query signing: empty
 * @param query            query signing: the complete encoded query string to send, signature
 *                         included; header signing: {@code null}
 */
public record SigV4Signature(String canonicalRequest, String stringToSign, String signature, List<Param> headers,
                             String query) {

    /** The value of the added header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        for (Param p : headers) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** Shows the signature only: the canonical request may hold a session token. */
    @Override
    public String toString() {
        return "SigV4Signature[" + signature + "]";
    }
}
