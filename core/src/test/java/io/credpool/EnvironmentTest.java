package io.credpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.testkit.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentTest {

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(Map.of(), Environment.Mode.DEVELOPMENT),
                Arguments.of(Map.of("APP_ENV", "production"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("APP_ENV", " PROD "), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("APP_ENV", "Development"), Environment.Mode.DEVELOPMENT),
                Arguments.of(Map.of("APP_ENV", "test"), Environment.Mode.TEST),
                Arguments.of(Map.of("NODE_ENV", "production"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("NODE_ENV", "test", "APP_ENV", "development"), Environment.Mode.DEVELOPMENT),
                Arguments.of(Map.of("APP_ENV", "  ", "NODE_ENV", "test"), Environment.Mode.TEST),
                Arguments.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks/token"), Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"),
                        Environment.Mode.PRODUCTION),
                Arguments.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "APP_ENV", "dev"), Environment.Mode.DEVELOPMENT),
                Arguments.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn", "APP_ENV", "test"), Environment.Mode.TEST));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("modes")
    void mode(Map<String, String> vars, Environment.Mode expected) {
        assertEquals(expected, Environment.of(vars).mode());
    }

    @Test
    void anUnknownModeNamesTheVariable() {
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> Environment.of(Map.of("NODE_ENV", "staging")).mode());
        assertTrue(e.getMessage().startsWith("NODE_ENV must be"), e.getMessage());
    }

    @Test
    void getTreatsBlankAsUnset() {
        Environment env = Environment.of(Map.of("A", "1", "B", " "));
        assertEquals(Optional.of("1"), env.get("A"));
        assertEquals(Optional.empty(), env.get("B"));
        assertEquals(Optional.empty(), env.get("C"));
    }

    @Test
    void systemReadsDotenvInDevelopmentWithoutOverridingRealVariables(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://app:${DB_PASSWORD}@localhost/app\n"
                + "DB_PASSWORD=from-dotenv\nREAL=from-dotenv\nFROM_PROPERTY=from-dotenv\n");
        Properties props = new Properties();
        props.setProperty("FROM_PROPERTY", "from-property");
        props.setProperty("DB_PASSWORD", "real-pw");
        try (LogCapture log = new LogCapture()) {
            Environment env = Environment.fromProcess(Map.of("REAL", "from-env", "DB_PASSWORD", "env-pw"), props, dir);
            assertEquals(Optional.of("postgresql://app:real-pw@localhost/app"), env.get("DATABASE_URL"));
            assertEquals(Optional.of("real-pw"), env.get("DB_PASSWORD"), "a system property beats the process environment");
            assertEquals(Optional.of("from-env"), env.get("REAL"));
            assertEquals(Optional.of("from-property"), env.get("FROM_PROPERTY"));
            assertTrue(log.messages().get(0).contains(".env"), log.messages().toString());
            assertFalse(log.messages().toString().contains("real-pw"));
        }
    }

    @Test
    void systemSkipsDotenvInProduction(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://localhost/app\n");
        for (Map<String, String> real : java.util.List.of(Map.of("APP_ENV", "production"),
                Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn"), Map.of("APP_ENV", "bogus"))) {
            Environment env = Environment.fromProcess(real, new Properties(), dir);
            assertEquals(Optional.empty(), env.get("DATABASE_URL"), real::toString);
        }
        Properties prod = new Properties();
        prod.setProperty("APP_ENV", "production");
        assertEquals(Optional.empty(), Environment.fromProcess(Map.of(), prod, dir).get("DATABASE_URL"));
        assertEquals(Optional.of("postgresql://localhost/app"),
                Environment.fromProcess(Map.of("APP_ENV", "test"), new Properties(), dir).get("DATABASE_URL"));
    }

    @Test
    void systemWithoutDotenvIsTheProcess(@TempDir Path dir) {
        Environment env = Environment.fromProcess(Map.of("A", "1"), new Properties(), dir);
        assertEquals(Optional.of("1"), env.get("A"));
        assertTrue(Environment.system().get("java.version").isPresent(), "system properties are included");
    }

    @Test
    void toStringShowsNamesNeverValues() {
        Environment env = Environment.of(Map.of("DATABASE_URL", "postgresql://u:url-pw@h/db", "DB_PASSWORD", "pw-value",
                "AWS_SECRET_ACCESS_KEY", "aws-key-value", "GITHUB_TOKEN", "tok-value", "APP_ENV", "test"));
        String shown = env.toString();
        assertEquals("Environment[mode=TEST, 5 variables: APP_ENV, AWS_SECRET_ACCESS_KEY, DATABASE_URL, DB_PASSWORD,"
                + " GITHUB_TOKEN]", shown);
        assertEquals("Environment[mode=invalid, 1 variable: APP_ENV]", Environment.of(Map.of("APP_ENV", "x")).toString());
    }
    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(Map.of("APP_ENV", " Prod "), Environment.Mode.PRODUCTION, "APP_ENV=Prod"),
                Arguments.of(Map.of("NODE_ENV", "test", "KUBERNETES_SERVICE_HOST", "h"), Environment.Mode.TEST, "NODE_ENV=test"),
                Arguments.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn"), Environment.Mode.PRODUCTION,
                        "AWS_LAMBDA_FUNCTION_NAME is set (AWS Lambda)"),
                Arguments.of(Map.of("KUBERNETES_SERVICE_HOST", "h", "AWS_WEB_IDENTITY_TOKEN_FILE", "/t"),
                        Environment.Mode.PRODUCTION, "KUBERNETES_SERVICE_HOST is set (Kubernetes)"),
                Arguments.of(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"), Environment.Mode.PRODUCTION,
                        "AWS_WEB_IDENTITY_TOKEN_FILE is set (EKS or another web identity)"),
                Arguments.of(Map.of(), Environment.Mode.DEVELOPMENT, "no APP_ENV or NODE_ENV, and none of "
                        + String.join(", ", Environment.DEPLOYMENT_VARIABLES)));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("reasons")
    void modeWithReasonSaysWhichVariableDecided(Map<String, String> vars, Environment.Mode mode, String reason) {
        assertEquals(new Environment.ModeReason(mode, reason), Environment.of(vars).modeWithReason());
    }

    @Test
    void aReasonNeverShowsTheValueOfADeploymentVariable() {
        String reason = Environment.of(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://u:pw-value@10.0.0.1/creds"))
                .modeWithReason().reason();
        assertFalse(reason.contains("pw-value"), reason);
    }

    @Test
    void onEksADotenvInTheImageIsNotRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://app:dev-pw@localhost/app\n");
        Environment env = Environment.fromProcess(Map.of("KUBERNETES_SERVICE_HOST", "10.100.0.1",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
                "AWS_SECRET_NAME", "app/db"), new Properties(), dir);
        assertEquals(Environment.Mode.PRODUCTION, env.mode());
        assertEquals(Optional.empty(), env.get("DATABASE_URL"));
    }
    /** The attack: a .env in the working directory that points the AWS chain at files, commands and endpoints. */
    private static final Map<String, String> AWS_CHAIN_HIJACK = Map.ofEntries(
            Map.entry("AWS_CONFIG_FILE", "/tmp/evil-config-with-credential-process"),
            Map.entry("AWS_SHARED_CREDENTIALS_FILE", "/tmp/evil-credentials"),
            Map.entry("AWS_WEB_IDENTITY_TOKEN_FILE", "/home/me/.ssh/id_ed25519"),
            Map.entry("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/evil"),
            Map.entry("AWS_ENDPOINT_URL_STS", "http://evil.example:8080"),
            Map.entry("AWS_ENDPOINT_URL", "http://evil.example:8081"),
            Map.entry("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://evil.example:8082"),
            Map.entry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example:8083/creds"),
            Map.entry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/evil"),
            Map.entry("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/etc/shadow"),
            Map.entry("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://evil.example:8084"),
            Map.entry("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"),
            Map.entry("HOME", "/tmp/evil-home"),
            Map.entry("USERPROFILE", "C:\\evil-home"),
            Map.entry("user.home", "/tmp/evil-home2"),
            Map.entry("aws.configFile", "/tmp/evil-config2"),
            Map.entry("aws.sharedCredentialsFile", "/tmp/evil-credentials2"),
            Map.entry("aws.ec2MetadataServiceEndpoint", "http://evil.example:8085"));

    @Test
    void aDotenvNeverChoosesFilesCommandsOrEndpointsForTheAwsChain(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("DATABASE_URL=postgresql://localhost/app\nAWS_REGION=eu-west-1\n");
        AWS_CHAIN_HIJACK.forEach((k, v) -> text.append(k).append("='").append(v).append("'\n"));
        Files.writeString(dir.resolve(".env"), text);
        try (LogCapture log = new LogCapture()) {
            Environment env = Environment.fromProcess(Map.of("AWS_CONFIG_FILE", "/home/me/.aws/config"), new Properties(), dir);
            for (String key : AWS_CHAIN_HIJACK.keySet()) {
                if (!key.equals("AWS_CONFIG_FILE")) {
                    assertEquals(Optional.empty(), env.get(key), key);
                }
            }
            assertEquals(Optional.of("/home/me/.aws/config"), env.get("AWS_CONFIG_FILE"), "the real environment still counts");
            assertEquals(Optional.of("postgresql://localhost/app"), env.get("DATABASE_URL"), "the rest of .env is used");
            assertEquals(Optional.of("eu-west-1"), env.get("AWS_REGION"));
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(AWS_CHAIN_HIJACK.size(), warnings.size(), warnings::toString);
            String all = String.join("\n", warnings);
            for (Map.Entry<String, String> e : AWS_CHAIN_HIJACK.entrySet()) {
                assertTrue(all.contains("Ignoring " + e.getKey() + " in " + dir.resolve(".env")), all);
                assertFalse(all.contains(e.getValue()), all);
            }
        }
    }

    @Test
    void realVariablesAndSystemPropertiesStillChooseThem(@TempDir Path dir) {
        Properties props = new Properties();
        props.setProperty("aws.configFile", "/etc/app/aws-config");
        Environment env = Environment.fromProcess(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://localstack:4566",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token", "APP_ENV", "development"), props, dir);
        assertEquals(Optional.of("http://localstack:4566"), env.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"));
        assertEquals(Optional.of("/var/run/token"), env.get("AWS_WEB_IDENTITY_TOKEN_FILE"));
        assertEquals(Optional.of("/etc/app/aws-config"), env.get("aws.configFile"));
    }
}
