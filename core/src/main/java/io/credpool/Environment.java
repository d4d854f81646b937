package io.credpool;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A read-only view of configuration variables: where credpool looks for {@code DATABASE_URL},
 * {@code AWS_SECRET_NAME} and the rest.
 *
 * <p>{@link #system()} reads the real process; {@link #of(Map)} makes one from a map, for tests
 * and jshell. {@link #toString()} lists variable names only, never values.
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

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * An environment holding exactly {@code variables}, for tests and jshell. Null keys or values
     * are rejected.
     */
    public static Environment of(Map<String, String> variables) {
        return new Environment(Map.copyOf(Objects.requireNonNull(variables, "variables")));
    }

    /**
     * The process environment, overlaid by system properties of the same name.
     */
    public static Environment system() {
        Map<String, String> all = new TreeMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> all.put(String.valueOf(k), String.valueOf(v)));
        return new Environment(Map.copyOf(all));
    }

    /** The value of {@code name}, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The mode from {@code APP_ENV}, else {@code NODE_ENV} ({@code production}, {@code development},
     * {@code test}, any case); when neither is set, {@code PRODUCTION} inside AWS Lambda or ECS and
     * {@code DEVELOPMENT} elsewhere.
     *
     * @throws DatabaseConfigException for another value, naming the variable
     */
    public Mode mode() {
        for (String name : new String[] {"APP_ENV", "NODE_ENV"}) {
            Optional<String> value = get(name);
            if (value.isPresent()) {
                switch (value.get().trim().toLowerCase(Locale.ROOT)) {
                    case "production": case "prod": return Mode.PRODUCTION;
                    case "development": case "dev": return Mode.DEVELOPMENT;
                    case "test": return Mode.TEST;
                    default: throw new DatabaseConfigException(name + " must be one of production, development, test");
                }
            }
        }
        boolean aws = get("AWS_LAMBDA_FUNCTION_NAME").isPresent() || get("ECS_CONTAINER_METADATA_URI_V4").isPresent();
        return aws ? Mode.PRODUCTION : Mode.DEVELOPMENT;
    }

    /** The variable names and the mode; values are never shown. */
    @Override
    public String toString() {
        return "Environment[" + variables.size() + " variables]";
    }
}
