package io.credpool.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers are found on the module path (through {@code provides} in module declarations) and on
 * the class path (through {@code META-INF/services}), with credpool's own classes and with a
 * third-party provider JAR built here from {@link io.credpool.testprovider.TestProvider}.
 */
class DiscoveryTest {

    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target");
    private static final Path CLASSES = TARGET.resolve("classes");
    private static final Path TEST_CLASSES = TARGET.resolve("test-classes");

    @TempDir
    static Path tmp;
    private static Path providerJar;

    /** The test provider as a third party would ship it: a JAR with META-INF/services and no module-info. */
    @BeforeAll
    static void buildProviderJar() throws IOException {
        providerJar = tmp.resolve("credpool-test-provider.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"), "credpool.testprovider");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TEST_CLASSES.resolve("io/credpool/testprovider"))) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        files.add(TEST_CLASSES.resolve("META-INF/services/io.credpool.spi.CredentialProvider"));
        try (OutputStream out = Files.newOutputStream(providerJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Path f : files) {
                jar.putNextEntry(new JarEntry(TEST_CLASSES.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
    }

    @Test
    void theRunningModuleFindsTheBuiltIns() {
        List<String> names = ProviderSelector.discover().stream().map(CredentialProvider::name).collect(Collectors.toList());
        assertEquals(List.of("secret-file", "database-url"), names, "sorted by priority, highest first");
        assertTrue(CredentialProvider.class.getModule().isNamed(), "the tests run on the module path");
    }

    /** A fresh copy of the io.credpool module from target/classes: its module-info alone names the built-ins. */
    @Test
    void theModuleDeclarationProvidesTheBuiltIns() throws Exception {
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(CLASSES), ModuleFinder.of(), Set.of("io.credpool"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Module module = layer.findModule("io.credpool").orElseThrow();
        assertEquals(Set.of("io.credpool.spi.CredentialProvider"),
                module.getDescriptor().provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));

        ClassLoader loader = layer.findLoader("io.credpool");
        Class<?> spi = loader.loadClass("io.credpool.spi.CredentialProvider");
        assertNotSame(CredentialProvider.class, spi, "a separate copy of the module");
        getClass().getModule().addReads(module);
        // The loader defines no class-path entries, so only `provides` can supply these.
        assertEquals(List.of("database-url", "secret-file"), names(ServiceLoader.load(spi, loader), spi));
    }

    /** The test provider JAR on the module path, as an automatic module, is found next to the built-ins. */
    @Test
    void aProviderJarOnTheModulePathIsFound() {
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(providerJar), ModuleFinder.of(),
                Set.of("credpool.testprovider"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        assertTrue(layer.findModule("credpool.testprovider").orElseThrow().getDescriptor().isAutomatic());

        List<CredentialProvider> found = ProviderSelector.discover(layer);
        assertEquals(List.of("secret-file", "database-url", "test-provider"),
                found.stream().map(CredentialProvider::name).collect(Collectors.toList()));
        CredentialProvider chosen = ProviderSelector.select(
                Environment.of(Map.of("TEST_PROVIDER_URL", "postgresql://localhost/app")), found);
        assertEquals("test-provider", chosen.name());
        assertEquals("credpool.testprovider", chosen.getClass().getModule().getName());
    }

    /** credpool and the provider JAR on a plain class path: META-INF/services finds all three. */
    @Test
    void theClassPathFindsProvidersThroughMetaInfServices() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {CLASSES.toUri().toURL(), providerJar.toUri().toURL()},
                new HidingBootLayerCredpool())) {
            Class<?> spi = loader.loadClass("io.credpool.spi.CredentialProvider");
            assertNull(spi.getModule().getName(), "loaded into an unnamed module");
            getClass().getModule().addReads(spi.getModule());
            assertEquals(List.of("database-url", "secret-file", "test-provider"), names(ServiceLoader.load(spi, loader), spi));

            // credpool's own discovery, running on that class path with it as the context loader.
            Class<?> selector = loader.loadClass(ProviderSelector.class.getName());
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                List<?> found = (List<?>) selector.getMethod("discover").invoke(null);
                List<String> names = new ArrayList<>();
                for (Object p : found) {
                    names.add((String) spi.getMethod("name").invoke(p));
                }
                assertEquals(List.of("secret-file", "database-url", "test-provider"), names);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /**
     * The JDK's platform loader hands out classes of boot-layer modules, this running io.credpool
     * among them; this parent hides those so the class path copy is loaded on its own.
     */
    private static final class HidingBootLayerCredpool extends ClassLoader {
        HidingBootLayerCredpool() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.credpool.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> names(ServiceLoader loader, Class<?> spi) throws Exception {
        List<String> names = new ArrayList<>();
        for (Object p : (Iterable<Object>) loader) {
            names.add((String) spi.getMethod("name").invoke(p));
        }
        names.sort(null);
        return names;
    }
}
