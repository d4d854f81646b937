package io.credpool.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.ConnectionPool;
import io.credpool.CredentialException;
import io.credpool.Database;
import io.credpool.Environment;
import io.credpool.aws.internal.provider.SecretsManagerProvider;
import io.credpool.testkit.LogCapture;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's end-to-end acceptance: production configured by nothing but variables. {@code
 * Database.open(Environment)} finds {@code aws-secrets-manager} with ServiceLoader, the provider
 * fetches the secret from a fake Secrets Manager that verifies every request's SigV4 signature,
 * and the pool logs in to the testkit PostgreSQL as a role whose password is full of URL and JSON
 * metacharacters and non-ASCII letters, then runs a query. No secret shows in any log line,
 * exception or {@code toString()}.
 *
 * <p><b>Where the modules are.</b> Surefire sees {@code module-info} in {@code spi-aws} and runs
 * these tests on the module path, patched into module {@code io.credpool.aws} ({@code
 * --patch-module io.credpool.aws=target/test-classes}). Only the modules that {@code
 * io.credpool.aws} requires go on the module path with it, so core ({@code io.credpool}) is a
 * named module here, while pgjdbc, JUnit and the testkit, which the module does not require, stay
 * on the class path (pgjdbc in the unnamed module). {@link #coreAndProvidersAreNamedModules()}
 * asserts that layout; {@link #theWholeChainRunsOnTheModulePath} then proves the rest: a child
 * JVM with core, spi-aws and pgjdbc all on the module path (pgjdbc as the automatic module
 * {@code org.postgresql.jdbc}), no class path at all, and a small application module that
 * requires only {@code io.credpool}. It runs without {@code --add-modules}: service binding
 * resolves {@code io.credpool.aws} (core {@code uses CredentialProvider}) and pgjdbc ({@code
 * java.sql} {@code uses Driver}) by itself, which is what a user who drops the jars on the module
 * path gets; {@code --add-modules ALL-MODULE-PATH} would only add what is already there.
 */
class SecretsManagerPoolEndToEndTest {

    private static final String[] DESIGN_LINES = {
        "Production environment detected, using AWS Secrets Manager",
        "Retrieving database credentials from AWS Secrets Manager: " + EndToEnd.SECRET_ID,
        "Successfully retrieved database credentials for %s",
        "Database connection established successfully",
    };

    @TempDir
    Path home;

    @Test
    void opensThePoolFromTheEnvironmentAndRunsAQuery() throws Exception {
        String password = EndToEnd.password();
        try (EndToEnd e2e = new EndToEnd(password); LogCapture log = new LogCapture()) {
            String shown;
            try (ConnectionPool pool = Database.open(Environment.of(e2e.environment(home)))) {
                assertEquals(e2e.role, currentUser(pool));
                shown = pool.toString();
                assertTrue(shown.contains(e2e.target()), shown);
                // An exception from the running pool, for the "no secret in any message" check.
                SQLException refused = assertThrows(SQLException.class, () -> pool.getConnection(e2e.role, password));
                e2e.assertNoSecretIn("getConnection(user, password)", refused);
            }
            e2e.assertNoSecretIn("pool.toString()", shown);

            assertEquals(List.of(), e2e.fake.problems(), "every request well-formed and signed");
            assertEquals(1, e2e.fake.count(), "one GetSecretValue");
            assertEquals(List.of(EndToEnd.SECRET_ID), e2e.fake.bodies().stream().map(b -> b.get("SecretId")).toList());

            List<String> info = log.lines().stream().filter(l -> l.startsWith("INFO ")).toList();
            assertTrue(info.stream().anyMatch(l -> l.startsWith("INFO Using credential provider aws-secrets-manager "
                    + "in the production environment")), "ServiceLoader found and chose aws-secrets-manager: " + info);
            assertInOrder(info, designLines(e2e));
            e2e.assertNoSecretIn("the log", log.everything());
        }
    }

    @Test
    void failuresNameNoSecret() throws Exception {
        String password = EndToEnd.password();
        try (EndToEnd e2e = new EndToEnd(password); LogCapture log = new LogCapture()) {
            // The secret holds a password the database does not accept (a rotation gone wrong).
            e2e.serve(EndToEnd.password());
            SQLException rejected = assertThrows(SQLException.class,
                    () -> Database.open(Environment.of(e2e.environment(home))).close());
            assertEquals("28P01", rejected.getSQLState(), rejected::toString);
            assertTrue(rejected.getMessage().contains(e2e.role) && rejected.getMessage().contains(e2e.target()),
                    rejected::getMessage);
            e2e.assertNoSecretIn("a rejected login", rejected);

            // A wrong AWS secret key: the fake refuses the signature.
            String wrongKey = "e2eWrongKey/" + EndToEnd.random(16);
            e2e.alsoSecret(wrongKey);
            CredentialException denied = assertThrows(CredentialException.class, () -> Database.open(
                    Environment.of(e2e.environment(home, "AWS_SECRET_ACCESS_KEY", wrongKey))).close());
            assertTrue(denied.getMessage().contains(EndToEnd.SECRET_ID), denied::getMessage);
            e2e.assertNoSecretIn("a refused signature", denied);

            e2e.assertNoSecretIn("the log", log.everything());
        }
    }

    @Test
    void coreAndProvidersAreNamedModules() throws Exception {
        Module core = ConnectionPool.class.getModule();
        Module aws = SecretsManagerProvider.class.getModule();
        assertTrue(core.isNamed() && aws.isNamed(), core + " / " + aws);
        assertEquals("io.credpool", core.getName());
        assertEquals("io.credpool.aws", aws.getName());
        assertSame(aws, getClass().getModule(), "the tests are patched into io.credpool.aws");
        assertSame(core, ModuleLayer.boot().findModule("io.credpool").orElseThrow());
        assertSame(aws, ModuleLayer.boot().findModule("io.credpool.aws").orElseThrow());
        assertTrue(aws.canRead(core));
        assertFalse(core.getDescriptor().isAutomatic() || aws.getDescriptor().isAutomatic());

        List<String> modulePath = entries(System.getProperty("jdk.module.path"));
        assertTrue(modulePath.contains(location(ConnectionPool.class).toString()), modulePath::toString);
        assertTrue(modulePath.contains(location(SecretsManagerProvider.class).toString()), modulePath::toString);
        // pgjdbc is on the class path here; the child JVM below puts it on the module path.
        Module pgjdbc = postgresDriver().getClass().getModule();
        assertFalse(pgjdbc.isNamed(), "pgjdbc in the unnamed module under surefire: " + pgjdbc);
        assertTrue(entries(System.getProperty("java.class.path")).contains(location(postgresDriver().getClass()).toString()));
    }

    @Test
    void theWholeChainRunsOnTheModulePath(@TempDir Path work) throws Exception {
        Path core = location(ConnectionPool.class);
        Path aws = location(SecretsManagerProvider.class);
        Path pgjdbc = location(postgresDriver().getClass());
        Path app = compileApplication(work, core);
        String password = EndToEnd.password();
        try (EndToEnd e2e = new EndToEnd(password)) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "--module-path", String.join(File.pathSeparator, core.toString(), aws.toString(),
                            pgjdbc.toString(), app.toString()),
                    "-m", "credpool.e2e.app/app.Main");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(work.resolve("stdout").toFile())
                    .redirectError(work.resolve("stderr").toFile());
            builder.environment().clear(); // Environment.system() in the child sees these variables only
            builder.environment().putAll(e2e.environment(home));
            Process child = builder.start();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in 60 s");
            }
            String out = Files.readString(work.resolve("stdout"), StandardCharsets.UTF_8);
            String err = Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);

            assertEquals(List.of(
                    "current_user=" + e2e.role,
                    "class path=",
                    "io.credpool: named, explicit",
                    "io.credpool.aws: named, explicit",
                    "org.postgresql.jdbc: named, automatic",
                    "driver module=org.postgresql.jdbc",
                    "io.credpool provides [io.credpool.internal.provider.DatabaseUrlProvider, "
                            + "io.credpool.internal.provider.SecretFileProvider]",
                    "io.credpool.aws provides [io.credpool.aws.internal.provider.SecretsManagerProvider, "
                            + "io.credpool.aws.internal.provider.RdsIamProvider]"), out.lines().filter(l -> !l.startsWith("pool=")).toList(), out);
            assertTrue(out.contains("pool=ConnectionPool[" + e2e.target()), out);
            assertTrue(err.contains("INFO: Using credential provider aws-secrets-manager in the production environment"),
                    err);
            for (String line : designLines(e2e)) {
                assertTrue(err.contains("INFO: " + line), () -> line + " not logged by the child:\n" + err);
            }
            e2e.assertNoSecretIn("the child's output", out);
            e2e.assertNoSecretIn("the child's log", err);
            assertEquals(List.of(), e2e.fake.problems());
            assertEquals(1, e2e.fake.count());
        }
    }

    /** A user's application: a module that requires io.credpool and nothing else. */
    private static Path compileApplication(Path work, Path core) throws Exception {
        Path src = Files.createDirectories(work.resolve("src/app"));
        Files.writeString(work.resolve("src/module-info.java"), "module credpool.e2e.app { requires io.credpool; }\n");
        Files.writeString(src.resolve("Main.java"), """
                package app;

                import io.credpool.ConnectionPool;
                import io.credpool.Database;
                import io.credpool.Environment;
                import java.sql.Connection;
                import java.sql.DriverManager;
                import java.sql.ResultSet;
                import java.sql.Statement;

                public final class Main {
                    public static void main(String[] args) throws Exception {
                        try (ConnectionPool pool = Database.open(Environment.system());
                             Connection c = pool.getConnection();
                             Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery("select current_user")) {
                            rs.next();
                            System.out.println("current_user=" + rs.getString(1));
                            System.out.println("class path=" + System.getProperty("java.class.path", ""));
                            for (String name : new String[] {"io.credpool", "io.credpool.aws", "org.postgresql.jdbc"}) {
                                Module m = ModuleLayer.boot().findModule(name).orElse(null);
                                System.out.println(name + ": " + (m == null ? "missing" : (m.isNamed() ? "named" : "unnamed")
                                        + ", " + (m.getDescriptor().isAutomatic() ? "automatic" : "explicit")));
                            }
                            String url = c.getMetaData().getURL();
                            System.out.println("driver module=" + DriverManager.getDriver(url).getClass().getModule().getName());
                            ModuleLayer.boot().modules().stream().map(Module::getDescriptor).sorted()
                                    .forEach(d -> d.provides().stream()
                                            .filter(p -> p.service().equals("io.credpool.spi.CredentialProvider"))
                                            .forEach(p -> System.out.println(d.name() + " provides " + p.providers())));
                            System.out.println("pool=" + pool);
                        }
                    }
                }
                """);
        Path out = work.resolve("app");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        java.io.StringWriter messages = new java.io.StringWriter();
        java.io.PrintWriter writer = new java.io.PrintWriter(messages);
        int status = javac.run(writer, writer, "--release", "17", "--module-path", core.toString(), "-d", out.toString(),
                work.resolve("src/module-info.java").toString(), src.resolve("Main.java").toString());
        writer.flush();
        assertEquals(0, status, messages::toString);
        return out;
    }

    private static String currentUser(ConnectionPool pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static List<String> designLines(EndToEnd e2e) {
        List<String> lines = new ArrayList<>();
        for (String line : DESIGN_LINES) {
            lines.add(line.replace("%s", e2e.target()));
        }
        return lines;
    }

    /** {@code expected} appear in {@code lines} as whole INFO lines, in this order. */
    private static void assertInOrder(List<String> lines, List<String> expected) {
        int from = 0;
        for (String e : expected) {
            int at = lines.subList(from, lines.size()).indexOf("INFO " + e);
            assertTrue(at >= 0, () -> "missing or out of order: " + e + "\nin " + lines);
            from += at + 1;
        }
    }

    private static Driver postgresDriver() {
        return DriverManager.drivers().filter(d -> d.getClass().getName().equals("org.postgresql.Driver"))
                .findFirst().orElseThrow(() -> new AssertionError("pgjdbc is not registered"));
    }

    /** The jar or directory {@code type} was loaded from. */
    private static Path location(Class<?> type) throws URISyntaxException {
        var source = type.getProtectionDomain().getCodeSource();
        assertNotNull(source, type::getName);
        return Path.of(source.getLocation().toURI());
    }

    private static List<String> entries(String path) {
        return path == null ? List.of() : Arrays.asList(path.split(File.pathSeparator));
    }
}
