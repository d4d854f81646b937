package io.credpool;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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

    /**
     * The mode {@link #modeWithReason()} detected, and why, e.g.
     * {@code ModeReason[mode=PRODUCTION, reason=KUBERNETES_SERVICE_HOST is set (Kubernetes)]}.
     *
     * @param mode   the mode
     * @param reason the variable that decided it, for people (the diagnostics command prints it);
     *               it names variables and never shows a value other than that of {@code APP_ENV}
     *               or {@code NODE_ENV}
     */
    public record ModeReason(Mode mode, String reason) {
        /** Both components are required. */
        public ModeReason {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Variables whose presence means a deployment when neither {@code APP_ENV} nor
     * {@code NODE_ENV} is set, in the order they are checked, each with where it is set.
     */
    static final List<String> DEPLOYMENT_VARIABLES = List.of("AWS_LAMBDA_FUNCTION_NAME", "ECS_CONTAINER_METADATA_URI_V4",
            "AWS_EXECUTION_ENV", "KUBERNETES_SERVICE_HOST", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI");

    private static final List<String> DEPLOYMENTS = List.of("AWS Lambda", "ECS", "an AWS runtime", "Kubernetes",
            "EKS or another web identity", "EKS Pod Identity or another container credential endpoint");

    /**
     * Variables that choose files, commands or endpoints for the AWS credential chain, and the
     * home directory it finds {@code ~/.aws} under: never taken from {@code .env}, which anyone who
     * can write to the working directory controls. Also every name starting with
     * {@link #PROCESS_ONLY_PREFIXES one of these}.
     */
    private static final Set<String> PROCESS_ONLY = Set.of("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "HOME", "USERPROFILE", "user.home",
            "aws.configFile", "aws.sharedCredentialsFile", "aws.ec2MetadataServiceEndpoint");

    private static final List<String> PROCESS_ONLY_PREFIXES = List.of("AWS_CONTAINER_", "AWS_ENDPOINT_URL",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT");

    private static final System.Logger LOG = System.getLogger("io.credpool");

    /** Turns on every pool's MXBean unless its builder says otherwise; see {@link #jmx()}. */
    static final String JMX_VARIABLE = "CREDPOOL_JMX";

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
     * <p>Variables that choose files, commands or endpoints for the AWS credential chain are
     * never taken from {@code .env}: {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE},
     * {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN}, {@code AWS_CONTAINER_*},
     * {@code AWS_ENDPOINT_URL*}, {@code AWS_EC2_METADATA_SERVICE_ENDPOINT*}, {@code HOME},
     * {@code USERPROFILE}, {@code user.home} and the system-property forms {@code aws.configFile},
     * {@code aws.sharedCredentialsFile}, {@code aws.ec2MetadataServiceEndpoint}. A {@code .env}
     * that sets one gets a warning naming it (never its value); the rest of the file is used.
     *
     * @throws DatabaseConfigException when {@code .env} exists but cannot be read
     */
    public static Environment system() {
        return fromProcess(System.getenv(), System.getProperties(),
                Path.of(System.getProperty("user.dir", ".")));
    }

    /** The process environment overlaid by system properties, without {@code .env}. */
    static Environment process() {
        return process(System.getenv(), System.getProperties());
    }

    private static Environment process(Map<String, String> processEnv, Properties properties) {
        Map<String, String> real = new TreeMap<>(processEnv);
        for (String name : properties.stringPropertyNames()) {
            real.put(name, properties.getProperty(name));
        }
        return new Environment(Map.copyOf(real));
    }

    /** {@link #system()} over the given sources; the seam tests use. */
    static Environment fromProcess(Map<String, String> processEnv, Properties properties, Path workingDirectory) {
        Environment base = process(processEnv, properties);
        Map<String, String> real = base.variables;
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
        for (String name : dotenv.keySet()) {
            if (processOnly(name)) {
                merged.remove(name);
                LOG.log(Level.WARNING, "Ignoring " + name + " in " + file + ": variables that choose files, commands or"
                        + " endpoints for AWS credentials are read from the real environment only; set it there");
            }
        }
        long used = dotenv.keySet().stream().filter(merged::containsKey).count();
        merged.putAll(real);
        long shadowed = dotenv.keySet().stream().filter(real::containsKey).count();
        LOG.log(Level.INFO, "Read " + used + " variables from " + file
                + (shadowed == 0 ? "" : " (" + shadowed + " already set in the environment, which wins)"));
        return new Environment(Map.copyOf(merged));
    }

    /** Whether {@code name} may come only from the real environment or system properties, never from {@code .env}. */
    private static boolean processOnly(String name) {
        return PROCESS_ONLY.contains(name) || PROCESS_ONLY_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The value of {@code name}, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The mode: {@code modeWithReason().mode()}.
     *
     * @throws DatabaseConfigException when {@code APP_ENV} or {@code NODE_ENV} holds another value, naming the variable
     */
    public Mode mode() {
        return modeWithReason().mode();
    }

    /**
     * The mode and the variable that decided it; the one place credpool tells production from
     * development. The mode comes from {@code APP_ENV}, else {@code NODE_ENV} ({@code production},
     * {@code development}, {@code test}, any case, also {@code prod} and {@code dev}). When
     * neither is set it is {@code PRODUCTION} when any of {@code AWS_LAMBDA_FUNCTION_NAME} (AWS
     * Lambda), {@code ECS_CONTAINER_METADATA_URI_V4} (ECS), {@code AWS_EXECUTION_ENV} (Lambda,
     * ECS, Fargate), {@code KUBERNETES_SERVICE_HOST} (Kubernetes), {@code AWS_WEB_IDENTITY_TOKEN_FILE}
     * (EKS) or {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (EKS Pod Identity) is set, and
     * {@code DEVELOPMENT} otherwise.
     *
     * @throws DatabaseConfigException when {@code APP_ENV} or {@code NODE_ENV} holds another value, naming the variable
     */
    public ModeReason modeWithReason() {
        for (String name : new String[] {"APP_ENV", "NODE_ENV"}) {
            Optional<String> value = get(name);
            if (value.isPresent()) {
                String given = value.get().strip();
                switch (given.toLowerCase(Locale.ROOT)) {
                    case "production": case "prod": return new ModeReason(Mode.PRODUCTION, name + "=" + given);
                    case "development": case "dev": return new ModeReason(Mode.DEVELOPMENT, name + "=" + given);
                    case "test": return new ModeReason(Mode.TEST, name + "=" + given);
                    default: throw new DatabaseConfigException(name + " must be production, development or test"
                            + " (any case); unset it to detect AWS and Kubernetes deployments automatically");
                }
            }
        }
        for (int i = 0; i < DEPLOYMENT_VARIABLES.size(); i++) {
            String name = DEPLOYMENT_VARIABLES.get(i);
            if (get(name).isPresent()) {
                return new ModeReason(Mode.PRODUCTION, name + " is set (" + DEPLOYMENTS.get(i) + ")");
            }
        }
        return new ModeReason(Mode.DEVELOPMENT, "no APP_ENV or NODE_ENV, and none of "
                + String.join(", ", DEPLOYMENT_VARIABLES));
    }

    /**
     * Whether {@code CREDPOOL_JMX} asks for JMX: {@code true} or {@code false} in any case; unset
     * or blank is {@code false}.
     *
     * @throws DatabaseConfigException when it holds another value, naming the variable and the values it takes
     */
    boolean jmx() {
        Optional<String> value = get(JMX_VARIABLE);
        if (value.isEmpty()) {
            return false;
        }
        switch (value.get().strip().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new DatabaseConfigException(JMX_VARIABLE + " must be true or false (any case): true"
                    + " registers each pool with JMX, false or unset does not");
        }
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
