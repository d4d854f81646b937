package io.credpool.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileProviderTest {

    @TempDir
    Path dir;
    private Path file;
    private LogCapture log;

    private static String secret(String password) {
        return "{\"host\":\"db.internal\",\"port\":5433,\"username\":\"app\",\"password\":\"" + password
                + "\",\"dbname\":\"streams\",\"schema\":\"sales\"}";
    }

    /** Writes {@code text} and sets the modification time, so tests never depend on clock granularity. */
    private void write(String text, long mtimeSeconds) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
    }

    private CredentialSource open(String... kv) throws Exception {
        Map<String, String> vars = new java.util.HashMap<>(Map.of("DATABASE_SECRET_FILE", file.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            vars.put(kv[i], kv[i + 1]);
        }
        return new SecretFileProvider().open(Environment.of(vars));
    }

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("db-secret.json");
        write(secret("first-pw-1"), 1_000_000);
        log = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void describesItself() {
        SecretFileProvider p = new SecretFileProvider();
        assertEquals("secret-file", p.name());
        assertEquals(200, p.priority());
        assertFalse(p.isConfigured(Environment.of(Map.of("DATABASE_SECRET_FILE", " "))));
        assertTrue(p.isConfigured(Environment.of(Map.of("DATABASE_SECRET_FILE", "/run/secrets/db"))));
    }

    @Test
    void opensTheFileWithSecretDefaultsAndVariables() throws Exception {
        CredentialSource source = open("DATABASE_POOL_TIMEOUT", "9");
        assertEquals("jdbc:postgresql://db.internal:5433/streams", source.config().jdbcUrl());
        assertEquals("sales", source.config().driverProperties().get("currentSchema"));
        assertEquals(5, source.config().pool().maxSize());
        assertEquals(Duration.ofSeconds(9), source.config().pool().acquireTimeout());
        assertEquals(Credentials.of("app", "first-pw-1"), source.credentials());
        assertTrue(log.messages().get(0).contains(file.toString()), log.messages()::toString);
        assertFalse(String.join("\n", log.messages()).contains("first-pw-1"));
    }

    @Test
    void readsAgainWhenTheFileChanges() throws Exception {
        CredentialSource source = open();
        Credentials first = source.credentials();
        assertSame(first, source.credentials(), "unchanged file: cached");
        write(secret("second-pw-2"), 1_000_060);
        assertEquals(Credentials.of("app", "second-pw-2"), source.credentials());
    }

    @Test
    void afterARefusalAFileThatLooksUnchangedIsReadAgainAtMostOnceASecond() throws Exception {
        CredentialSource source = open();
        write(secret("rotated-pw"), 1_000_000); // same length, same mtime: invisible to the stat check
        Credentials refused = source.credentials();
        assertEquals("first-pw-1", refused.password());
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            source.invalidate(refused); // every connection that tries the old password
            if (!"first-pw-1".equals(source.credentials().password())) {
                break;
            }
        }
        Poll.eventually(Duration.ofSeconds(3), "the file read again", () -> {
            source.invalidate(refused);
            return "rotated-pw".equals(password(source));
        });
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(900).toNanos(),
                "read again within a second of the read at open");
        assertEquals(1, log.matching(m -> m.contains("Read database credentials again")).size(), "one read again, not one per refusal");
        assertEquals("rotated-pw", source.credentials().password());
    }

    @Test
    void aRewrittenFileIsReadAtOnceAndARefusalOfWhatItHeldBeforeChangesNothing() throws Exception {
        CredentialSource source = open();
        Credentials old = source.credentials();
        write(secret("second-pw-2"), 1_000_100);
        assertEquals("second-pw-2", source.credentials().password(), "a changed file is read at once");
        for (int i = 0; i < 20; i++) {
            source.invalidate(old); // connections that logged in with the old password fail now
            assertEquals("second-pw-2", source.credentials().password());
        }
        assertEquals(1, log.matching(m -> m.contains("Read database credentials again")).size());
    }

    /** {@code forget()} (a checkpoint): the next call reads the file again, whatever the time, however it looks. */
    @Test
    void forgetReadsTheFileAgainAtOnce() throws Exception {
        CredentialSource source = open();
        write(secret("rotated-pw"), 1_000_000); // same length, same mtime: invisible to the stat check
        assertEquals("first-pw-1", source.credentials().password());
        source.forget();
        assertEquals("rotated-pw", source.credentials().password());
        assertEquals(1, log.matching(m -> m.contains("Read database credentials again")).size());
    }

    private static String password(CredentialSource source) {
        try {
            return source.credentials().password();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVanishedOrBrokenFileIsACredentialExceptionWithoutSecrets() throws Exception {
        CredentialSource source = open();
        write("{\"host\":\"db.internal\",\"password\":\"leaky-pw\"", 1_000_100);
        CredentialException e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("leaky-pw"), e.getMessage());

        write("{\"host\":\"db.internal\",\"password\":\"leaky-pw\",\"username\":\"app\"}", 1_000_200);
        e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().endsWith("Secret is missing required fields: dbname"), e.getMessage());

        Files.delete(file);
        e = assertThrows(CredentialException.class, source::credentials);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("DATABASE_SECRET_FILE"), e.getMessage());
    }

    @Test
    void openingAMissingOrInvalidFileFails() throws IOException {
        Files.delete(file);
        assertThrows(CredentialException.class, this::open);
        write("{\"host\":\"h\"}", 1);
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, this::open);
        assertEquals("Secret is missing required fields: username, password, dbname", e.getMessage());
    }

    @Test
    void theDatabaseUrlProviderParsesItsVariable() throws Exception {
        DatabaseUrlProvider p = new DatabaseUrlProvider();
        assertEquals(100, p.priority());
        Environment env = Environment.of(Map.of("DATABASE_URL", "postgresql://app:pw@db:5433/app", "DATABASE_CONNECTION_LIMIT", "4"));
        assertTrue(p.isConfigured(env));
        CredentialSource source = p.open(env);
        assertEquals("jdbc:postgresql://db:5433/app", source.config().jdbcUrl());
        assertEquals(4, source.config().pool().maxSize());
        assertEquals(Credentials.of("app", "pw"), source.credentials());
        assertFalse(source.toString().contains("pw]"), source.toString());
        assertFalse(String.join("\n", log.messages()).contains(":pw"), log.messages()::toString);
    }
    private CredentialSource openAt(Path path) throws Exception {
        return new SecretFileProvider().open(Environment.of(Map.of("DATABASE_SECRET_FILE", path.toString())));
    }

    private static void assertNamesPathAndFix(CredentialException e, Path path, String what) {
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("DATABASE_SECRET_FILE")
                && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void aDeviceIsRejectedBeforeItIsRead() {
        Path zero = Path.of("/dev/zero");
        CredentialException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CredentialException.class, () -> openAt(zero)));
        assertNamesPathAndFix(e, zero, "not a regular file");
    }

    @Test
    void aFifoIsRejectedWithoutHanging() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        CredentialException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CredentialException.class, () -> openAt(fifo)));
        assertNamesPathAndFix(e, fifo, "not a regular file");
    }

    @Test
    void aDirectoryIsNotASecretFile() {
        CredentialException e = assertThrows(CredentialException.class, () -> openAt(dir));
        assertNamesPathAndFix(e, dir, "not a regular file");
    }

    @Test
    void aFileOverTheCapIsRejectedAtOpenAndOnReread() throws Exception {
        Path big = dir.resolve("big.json");
        String padded = secret("big-pw-9").replace("{", "{" + " ".repeat(SecretFileSource.MAX_SIZE));
        Files.writeString(big, padded);
        CredentialException e = assertThrows(CredentialException.class, () -> openAt(big));
        assertNamesPathAndFix(e, big, "larger than 64 KiB");
        assertFalse(e.getMessage().contains("big-pw-9"), e.getMessage());

        CredentialSource source = open();
        write(padded, 1_000_500);
        e = assertThrows(CredentialException.class, source::credentials);
        assertNamesPathAndFix(e, file, "larger than 64 KiB");
        String atCap = secret("cap-pw").replace("{", "{" + " ".repeat(SecretFileSource.MAX_SIZE - secret("cap-pw").length()));
        write(atCap, 1_000_600);
        assertEquals("cap-pw", source.credentials().password(), "exactly at the cap is fine");
    }

    @Test
    void symlinksAreFollowedAsKubernetesMountsThem() throws Exception {
        Path data = Files.createDirectory(dir.resolve("..2026_12_05_08_00_00.123"));
        Files.writeString(data.resolve("secret.json"), secret("k8s-pw"));
        Path dataLink = Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        Path mounted = Files.createSymbolicLink(dir.resolve("secret.json"), dataLink.getFileName().resolve("secret.json"));
        assertEquals("k8s-pw", openAt(mounted).credentials().password());

        Path toDevice = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        CredentialException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CredentialException.class, () -> openAt(toDevice)));
        assertNamesPathAndFix(e, toDevice, "not a regular file");
    }
}
