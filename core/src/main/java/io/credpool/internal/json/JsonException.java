package io.credpool.internal.json;

/**
 * A JSON text that could not be read. The message gives the offset and what was expected,
 * never the text itself: the text is usually a secret.
 */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonException(String message, int offset) {
        super(message + " at offset " + offset);
    }
}
