package io.credpool.aws.internal.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Expiration times as the credential endpoints write them. */
final class Times {

    private Times() {
    }

    /** ISO-8601 with {@code Z} or an offset, fractions allowed; {@code null} when absent or malformed. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
