package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Credentials compare as a record's components would; equals and hashCode are written out (cold start). */
class CredentialsTest {

    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void equalWhenUserPasswordAndExpiryAreEqual() {
        Credentials a = new Credentials("app", "pw", EXPIRY);
        Credentials b = new Credentials("app", "pw", EXPIRY);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Credentials.of(null, null), Credentials.of(null, null));
        assertEquals(Credentials.of(null, null).hashCode(), Credentials.of(null, null).hashCode());
    }

    @Test
    void differentWhenAnyComponentDiffers() {
        Credentials a = new Credentials("app", "pw", EXPIRY);
        assertNotEquals(a, new Credentials("other", "pw", EXPIRY));
        assertNotEquals(a, new Credentials("app", "pw2", EXPIRY));
        assertNotEquals(a, new Credentials("app", "pw", null));
        assertNotEquals(a, new Credentials("app", null, EXPIRY));
        assertNotEquals(a, null);
        assertNotEquals(a, (Object) "app");
    }
}
