package io.credpool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void reasonsMaskUserInfoPasswordParametersAndKnownSecrets() {
        SQLException e = new SQLException("cannot reach postgresql://app:hunter2@db/x?password=hunter2&a=b\n"
                + "as user app with hunter2");
        assertEquals("cannot reach postgresql://****@db/x?password=****&a=b as user app with ****",
                Redaction.reason(e, "hunter2"));
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsClass() {
        assertEquals("IllegalStateException", Redaction.reason(new IllegalStateException()));
    }
}
