package io.credpool;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A read-only view of configuration variables: where credpool looks for {@code DATABASE_URL},
 * {@code AWS_SECRET_NAME} and the rest.
 *
 * <p>{@link #system()} reads the real process; {@link #of(Map)} makes one from a map, for tests
 * and jshell. {@link #toString()} shows variable names only, never values.
 *
 * <pre>{@code
 * Environment env = Environment.of(Map.of("DATABASE_URL", "postgresql://app@localhost/app", "APP_ENV", "test"));
 * env.mode();                // TEST
 * env.get("DATABASE_URL");   // Optional[postgresql://app@localhost/app]
 * }</pre>
 */
public final class Environment {

    /** Where the process runs, which decides the credential provider and how much is logged. */
    public enum Mode {
        /** A laptop: {@code .env} is read, {@code DATABASE_URL} is preferred, SQL may be logged. */
        DEVELOPMENT,
        /** A deployed service: no {@code .env}, the highest-priority provider wins, no SQL in logs. */
        PRODUCTION,
        /** A test run: like development. */
        TEST
    }

    private static final System.Logger LOG = System.getLogger("io.credpool");

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * An environment holding exactly {@code variables}, for tests and jshell. No {@code .env} is
     * read. Null keys or values are rejected.
     */
    public static Environment of(Map<String, String> variables) {
        return new Environment(Map.copyOf(Objects.requireNonNull(variables, "variables")));
    }

    /**
     * The process environment, overlaid by system properties of the same name (so
     * {@code -DAPP_ENV=test} works), plus a {@code .env} file in the working directory
     * ({@code user.dir}) when the mode those give is {@link Mode#DEVELOPMENT} or {@link Mode#TEST}
     * (not when it is production or {@code APP_ENV} is invalid). A variable
     * that is really set always wins over the same name in {@code .env}; {@code ${VAR}} in
     * {@code .env} sees real variables first. The file is read on every call.
     *
     * @throws DatabaseConfigException when {@code .env} exists but cannot be read
     */
    public static Environment system() {
        return fromProcess(System.getenv(), System.getProperties(),
                Path.of(System.getProperty("user.dir", ".")));
    }

    /** {@link #system()} over the given sources; the seam tests use. */
    static Environment fromProcess(Map<String, String> processEnv, Properties properties, Path workingDirectory) {
        Map<String, String> real = new TreeMap<>(processEnv);
        for (String name : properties.stringPropertyNames()) {
            real.put(name, properties.getProperty(name));
        }
        Environment base = new Environment(Map.copyOf(real));
        Mode realMode = base.modeOrNull();
        if (realMode == null || realMode == Mode.PRODUCTION) {
            return base;
        }
        Path file = workingDirectory.resolve(".env");
        Map<String, String> dotenv = Dotenv.load(file, real::get);
        if (dotenv.isEmpty()) {
            return base;
        }
        Map<String, String> merged = new TreeMap<>(dotenv);
        merged.putAll(real);
        long shadowed = dotenv.keySet().stream().filter(real::containsKey).count();
        LOG.log(Level.INFO, "Read " + dotenv.size() + " variables from " + file
                + (shadowed == 0 ? "" : " (" + shadowed + " already set in the environment, which wins)"));
        return new Environment(Map.copyOf(merged));
    }

    /** The value of {@code name}, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The mode from {@code APP_ENV}, else {@code NODE_ENV} ({@code production}, {@code development},
     * {@code test}, any case, also {@code prod} and {@code dev}); when neither is set,
     * {@code PRODUCTION} inside AWS Lambda ({@code AWS_LAMBDA_FUNCTION_NAME}) or ECS
     * ({@code ECS_CONTAINER_METADATA_URI_V4}) and {@code DEVELOPMENT} elsewhere.
     *
     * @throws DatabaseConfigException for another value, naming the variable
     */
    public Mode mode() {
        for (String name : new String[] {"APP_ENV", "NODE_ENV"}) {
            Optional<String> value = get(name);
            if (value.isPresent()) {
                switch (value.get().strip().toLowerCase(Locale.ROOT)) {
                    case "production": case "prod": return Mode.PRODUCTION;
                    case "development": case "dev": return Mode.DEVELOPMENT;
                    case "test": return Mode.TEST;
                    default: throw new DatabaseConfigException(name + " must be production, development or test"
                            + " (any case); unset it to detect AWS Lambda and ECS automatically");
                }
            }
        }
        boolean aws = get("AWS_LAMBDA_FUNCTION_NAME").isPresent() || get("ECS_CONTAINER_METADATA_URI_V4").isPresent();
        return aws ? Mode.PRODUCTION : Mode.DEVELOPMENT;
    }

    private Mode modeOrNull() {
        try {
            return mode();
        } catch (DatabaseConfigException e) {
            return null;
        }
    }

    /**
     * The mode and the variable names, sorted; values are never shown, since any of them may be a
     * password, a token or a URL holding one.
     */
    @Override
    public String toString() {
        Mode mode = modeOrNull();
        int n = variables.size();
        return "Environment[mode=" + (mode == null ? "invalid" : mode) + ", " + n + (n == 1 ? " variable: " : " variables: ")
                + String.join(", ", new TreeMap<>(variables).keySet()) + "]";
    }
}
