package io.credpool.internal.provider;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.spi.CredentialProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link CredentialProvider}s with {@link ServiceLoader} and picks the one to use.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>{@code CREDPOOL_PROVIDER=<name>} forces that provider; an unknown name, or one that is not
 *     configured, is an error listing what was found.</li>
 * <li>Among providers whose {@code isConfigured} is true: in development and test,
 *     {@code database-url} when configured; otherwise the highest {@code priority()}, ties going
 *     to the alphabetically first name. Built-in priorities: {@code aws-secrets-manager} 400,
 *     {@code aws-rds-iam} 300, {@code secret-file} 200, {@code database-url} 100.</li>
 * <li>None configured: one error saying what each discovered provider looks for.</li>
 * </ol>
 * The choice and the reason are logged at INFO on logger {@code io.credpool}.
 */
public final class ProviderSelector {

    /** The variable that forces a provider by name. */
    public static final String FORCE_VARIABLE = "CREDPOOL_PROVIDER";

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** Highest priority first, then by name, then by class: a total, deterministic order. */
    private static final Comparator<CredentialProvider> BY_RANK =
            Comparator.comparingInt(CredentialProvider::priority).reversed()
                    .thenComparing(CredentialProvider::name)
                    .thenComparing(p -> p.getClass().getName());

    private ProviderSelector() {
    }

    /**
     * Every provider visible to the thread's context class loader (or credpool's own): those
     * declared with {@code provides} in modules and those listed in
     * {@code META-INF/services/io.credpool.spi.CredentialProvider} on the class path.
     */
    public static List<CredentialProvider> discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ProviderSelector.class.getClassLoader();
        }
        return collect(ServiceLoader.load(CredentialProvider.class, loader));
    }

    /** Every provider declared by modules of {@code layer} and its parents. */
    public static List<CredentialProvider> discover(ModuleLayer layer) {
        return collect(ServiceLoader.load(layer, CredentialProvider.class));
    }

    /** {@link #select(Environment, List)} over {@link #discover()}. */
    public static CredentialProvider select(Environment env) {
        return select(env, discover());
    }

    /**
     * The provider to use in {@code env}, by the rules above.
     *
     * @throws DatabaseConfigException when none is configured, or a forced one is unknown,
     *                                 unconfigured or ambiguous
     */
    public static CredentialProvider select(Environment env, List<? extends CredentialProvider> providers) {
        List<CredentialProvider> all = new ArrayList<>(providers);
        all.sort(BY_RANK);
        var forced = env.get(FORCE_VARIABLE).map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (forced.isPresent()) {
            String name = forced.get();
            if (all.stream().noneMatch(p -> p.name().equals(name))) {
                throw new DatabaseConfigException(FORCE_VARIABLE + " names a provider that was not found ("
                        + printable(name) + "); found: " + names(all)
                        + ". Fix the name or put the provider's JAR on the module or class path");
            }
            CredentialProvider p = unique(all, name);
            if (!p.isConfigured(env)) {
                throw new DatabaseConfigException(FORCE_VARIABLE + "=" + name + " chooses a provider that is not"
                        + " configured: it needs " + p.requirement());
            }
            LOG.log(Level.INFO, "Using credential provider " + name + ", chosen by " + FORCE_VARIABLE);
            return p;
        }
        List<CredentialProvider> configured = all.stream().filter(p -> p.isConfigured(env)).collect(Collectors.toList());
        Environment.Mode mode = env.mode();
        if (all.isEmpty()) {
            throw new DatabaseConfigException("No credential provider was found on the module or class path:"
                    + " put credpool's core JAR there with its META-INF/services, or its module on the module path");
        }
        if (configured.isEmpty()) {
            throw new DatabaseConfigException("No database is configured (" + label(mode) + " environment). Set one of: "
                    + all.stream().map(p -> p.requirement() + " for " + p.name()).collect(Collectors.joining("; "))
                    + ". Or choose a provider with " + FORCE_VARIABLE + "=<name>");
        }
        boolean urlFirst = mode != Environment.Mode.PRODUCTION
                && configured.stream().anyMatch(p -> p.name().equals(DatabaseUrlProvider.NAME));
        String name = urlFirst ? DatabaseUrlProvider.NAME : configured.get(0).name();
        CredentialProvider chosen = unique(configured, name);
        String why = urlFirst
                ? DatabaseUrlProvider.VARIABLE + " is set"
                : configured.size() == 1 ? "the only configured provider"
                : "priority " + chosen.priority() + ", the highest of the configured " + names(configured);
        LOG.log(Level.INFO, label(mode) + " environment detected, using " + name + " (" + why + ")");
        return chosen;
    }

    /** The one provider named {@code name}, which is among {@code providers}; two of that name are an error. */
    private static CredentialProvider unique(List<CredentialProvider> providers, String name) {
        List<CredentialProvider> matches = providers.stream().filter(p -> p.name().equals(name)).collect(Collectors.toList());
        if (matches.size() > 1) {
            throw new DatabaseConfigException("Several credential providers are named " + name + " ("
                    + matches.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "): remove all but one JAR, or choose another with " + FORCE_VARIABLE);
        }
        return matches.get(0);
    }

    private static List<CredentialProvider> collect(ServiceLoader<CredentialProvider> loader) {
        List<CredentialProvider> found = new ArrayList<>();
        Iterator<CredentialProvider> it = loader.iterator();
        for (int errors = 0; errors < 100; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                errors++;
                LOG.log(Level.WARNING, "Skipping a credential provider that cannot be loaded: " + e.getMessage());
            }
        }
        found.sort(BY_RANK);
        return List.copyOf(found);
    }

    private static String names(List<CredentialProvider> providers) {
        return providers.isEmpty() ? "none"
                : providers.stream().map(CredentialProvider::name).collect(Collectors.joining(", "));
    }

    private static String label(Environment.Mode mode) {
        String m = mode.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.codePoints().allMatch(c -> c >= 0x20 && c < 0x7F) ? cut : "a name with unprintable characters";
    }
}
