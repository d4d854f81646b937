package io.credpool.aws.internal.provider;

import static io.credpool.aws.internal.secrets.FakeSecretsManager.secretString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Credentials;
import io.credpool.DatabaseConfig;
import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import io.credpool.aws.AwsProviders;
import io.credpool.aws.internal.auth.AwsCredentials;
import io.credpool.aws.internal.secrets.FakeSecretsManager;
import io.credpool.spi.CredentialProvider;
import io.credpool.spi.CredentialSource;
import io.credpool.testkit.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both providers through {@link Environment#of}, against the fake Secrets Manager. */
class ProvidersTest {

    private static final AwsCredentials KEYS = AwsCredentials.of("AKIAPROVIDER", "provider/secret");
    private static final String PASSWORD = "r0tated p@ss:/?#%&= \u00e4\u00df";

    @TempDir
    Path home;

    private FakeSecretsManager fake;
    private LogCapture log;
    private Map<String, String> vars;

    @BeforeEach
    void start() {
        fake = FakeSecretsManager.http("eu-west-1").accept(KEYS);
        log = new LogCapture();
        vars = new HashMap<>();
        vars.put("HOME", home.toString());
        vars.put("AWS_EC2_METADATA_DISABLED", "true");
        vars.put("AWS_ACCESS_KEY_ID", KEYS.accessKeyId());
        vars.put("AWS_SECRET_ACCESS_KEY", KEYS.secretAccessKey());
        vars.put("AWS_REGION", "eu-west-1");
        vars.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.uri().toString());
        vars.put("AWS_SECRET_NAME", "prod/db");
    }

    @AfterEach
    void stop() {
        fake.close();
        log.close();
    }

    private static String fullSecret(String password) {
        return "{\"host\":\"db.internal\",\"port\":\"6432\",\"username\":\"app\",\"password\":"
                + FakeSecretsManager.jsonString(password)
                + ",\"dbname\":\"streams\",\"engine\":\"postgres\"}";
    }

    private CredentialSource openSecrets() throws Exception {
        return new SecretsManagerProvider().open(Environment.of(vars));
    }

    @Test
    void namesPrioritiesAndConfiguration() {
        SecretsManagerProvider secrets = new SecretsManagerProvider();
        RdsIamProvider iam = new RdsIamProvider();
        assertEquals(AwsProviders.SECRETS_MANAGER, secrets.name());
        assertEquals(AwsProviders.RDS_IAM, iam.name());
        assertEquals(400, secrets.priority());
        assertEquals(300, iam.priority());
        assertTrue(secrets.isConfigured(Environment.of(Map.of("AWS_SECRET_NAME", "x"))));
        assertFalse(secrets.isConfigured(Environment.of(Map.of("AWS_REGION", "x"))));
        assertTrue(iam.isConfigured(Environment.of(Map.of("DATABASE_IAM_AUTH", "TRUE", "DATABASE_URL", "postgres://u@h/d"))));
        assertFalse(iam.isConfigured(Environment.of(Map.of("DATABASE_IAM_AUTH", "false", "DATABASE_URL", "postgres://u@h/d"))));
        assertFalse(iam.isConfigured(Environment.of(Map.of("DATABASE_IAM_AUTH", "true"))));
        assertEquals("AWS_SECRET_NAME (an AWS Secrets Manager secret name or ARN, with AWS_REGION)", secrets.requirement());
        assertEquals("DATABASE_IAM_AUTH=true with a password-less DATABASE_URL (sslmode=require)", iam.requirement());
    }

    @Test
    void secretsManagerOpensWithSecretPoolDefaults() throws Exception {
        fake.enqueue(secretString("prod/db", fullSecret(PASSWORD)));
        vars.put("APP_ENV", "production");
        CredentialSource source = openSecrets();
        DatabaseConfig config = source.config();
        assertEquals("jdbc:postgresql://db.internal:6432/streams", config.jdbcUrl());
        assertEquals(Credentials.of("app", PASSWORD), source.credentials());
        assertEquals(5, config.pool().maxSize());
        assertEquals(Duration.ofSeconds(20), config.pool().acquireTimeout());
        assertEquals(List.of("INFO Production environment detected, using AWS Secrets Manager",
                "INFO Retrieving database credentials from AWS Secrets Manager: prod/db",
                "INFO Successfully retrieved database credentials for db.internal:6432/streams"),
                log.lines().stream().filter(l -> l.startsWith("INFO")).toList());
        assertFalse(log.all().contains(PASSWORD));
        assertFalse(config.toString().contains(PASSWORD));
        assertEquals(List.of(), fake.problems());
    }

    @Test
    void databaseKeysOverrideTheSecretDefaults() throws Exception {
        fake.enqueue(secretString("prod/db", fullSecret(PASSWORD)));
        vars.put("DATABASE_CONNECTION_LIMIT", "12");
        vars.put("DATABASE_POOL_TIMEOUT", "3");
        DatabaseConfig config = openSecrets().config();
        assertEquals(12, config.pool().maxSize());
        assertEquals(Duration.ofSeconds(3), config.pool().acquireTimeout());
        assertFalse(log.all().contains("Production environment detected"));
    }

    /** An RDS-managed secret (login only) with a password-less DATABASE_URL ending in {@code ?query}. */
    private CredentialSource openRdsManagedSecret(String query) throws Exception {
        fake.enqueue(secretString("rds!db-1234", "{\"username\":\"master\",\"password\":"
                + FakeSecretsManager.jsonString(PASSWORD) + "}"));
        vars.put("AWS_SECRET_NAME", "rds!db-1234");
        vars.put("DATABASE_URL", "postgresql://db.cluster.example:5433/orders?" + query);
        return openSecrets();
    }

    @Test
    void rdsManagedSecretTakesTheTargetFromDatabaseUrl() throws Exception {
        CredentialSource source = openRdsManagedSecret("sslmode=require&pool_timeout=7");
        assertEquals("jdbc:postgresql://db.cluster.example:5433/orders", source.config().jdbcUrl());
        assertEquals("require", source.config().driverProperties().get("sslmode"));
        assertEquals(Credentials.of("master", PASSWORD), source.credentials());
        assertEquals(5, source.config().pool().maxSize());
        assertEquals(Duration.ofSeconds(7), source.config().pool().acquireTimeout());
    }

    @Test
    void rdsManagedSecretTakesTheSecretDefaultsWhenTheUrlLeavesAKeyEmpty() throws Exception {
        DatabaseConfig config = openRdsManagedSecret("pool_timeout=&connection_limit=&min_idle=2").config();
        assertEquals(5, config.pool().maxSize(), "an empty value is the same as leaving the key out");
        assertEquals(Duration.ofSeconds(20), config.pool().acquireTimeout());
        assertEquals(2, config.pool().minIdle());
        assertEquals(io.credpool.internal.config.PoolKeys.secretDefaults().withMinIdle(2), config.pool(),
                "the same defaults as every other secret");
    }

    @Test
    void rdsManagedSecretRejectsAUrlWithAPassword() {
        fake.enqueue(secretString("prod/db", "{\"username\":\"master\",\"password\":\"x\"}"));
        vars.put("DATABASE_URL", "postgresql://u:url-password@db.cluster.example/orders");
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, this::openSecrets);
        assertEquals("DATABASE_URL must not contain a password when the secret named by AWS_SECRET_NAME holds the "
                + "login: remove the password from the URL", e.getMessage());
    }

    @Test
    void secretWithMissingFields() {
        fake.enqueue(secretString("prod/db", "{\"username\":\"app\",\"password\":"
                + FakeSecretsManager.jsonString(PASSWORD) + "}"));
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, this::openSecrets);
        assertEquals("Secret is missing required fields: host, dbname", e.getMessage());
        assertEquals(1, fake.count());
    }

    @Test
    void missingSecretIsACredentialException() {
        fake.enqueue(FakeSecretsManager.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        CredentialException e = assertThrows(CredentialException.class, this::openSecrets);
        assertTrue(e.getMessage().startsWith("Secret 'prod/db' was not found in Secrets Manager (eu-west-1)"), e.getMessage());
    }

    @Test
    void secretTtlAndVersionStage() throws Exception {
        assertEquals(Duration.ofHours(1), SecretsManagerProvider.ttl(Environment.of(Map.of())));
        assertEquals(Duration.ofSeconds(90), SecretsManagerProvider.ttl(Environment.of(Map.of("AWS_SECRET_TTL", " 90 "))));
        assertEquals(Duration.ZERO, SecretsManagerProvider.ttl(Environment.of(Map.of("AWS_SECRET_TTL", "0"))));
        for (String bad : new String[] {"-1", "1h", "99999999999", "2678401"}) {
            DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                    () -> SecretsManagerProvider.ttl(Environment.of(Map.of("AWS_SECRET_TTL", bad))));
            assertEquals("AWS_SECRET_TTL must be a whole number of seconds up to 2678400, e.g. 3600 (0 keeps the "
                    + "secret until a login fails)", e.getMessage());
        }
        fake.enqueue(secretString("prod/db", fullSecret(PASSWORD)));
        vars.put("AWS_SECRET_VERSION_STAGE", "AWSPENDING");
        openSecrets();
        assertEquals("AWSPENDING", fake.bodies().get(0).get("VersionStage"));
    }

    @Test
    void rdsIamMakesTokensForTheUrlUser() throws Exception {
        vars.remove("AWS_REGION");
        vars.put("DATABASE_IAM_AUTH", "true");
        vars.put("DATABASE_URL", "postgresql://iam_user@mydb.abc.eu-north-1.rds.amazonaws.com:5432/app?sslmode=verify-full");
        CredentialSource source = new RdsIamProvider().open(Environment.of(vars));
        Credentials c = source.credentials();
        assertEquals("iam_user", c.username());
        assertTrue(c.password().startsWith("mydb.abc.eu-north-1.rds.amazonaws.com:5432/?"), "token");
        assertTrue(c.password().contains("X-Amz-Credential=AKIAPROVIDER%2F"), "token");
        assertTrue(c.password().contains("%2Feu-north-1%2Frds-db%2Faws4_request"), "region from the host name");
        assertTrue(log.all().contains("INFO Using RDS IAM authentication for iam_user@mydb.abc.eu-north-1.rds.amazonaws.com"
                + ":5432/app in eu-north-1"), log.all());
        assertFalse(log.all().contains(c.password()));
    }

    @Test
    void rdsIamNeedsTls() {
        vars.put("DATABASE_IAM_AUTH", "true");
        vars.put("DATABASE_URL", "postgresql://iam_user@db.example:5432/app");
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> new RdsIamProvider().open(Environment.of(vars)));
        assertEquals("RDS IAM authentication needs TLS: add sslmode=require (or verify-full) to DATABASE_URL, or set "
                + "DATABASE_SSLMODE=require", e.getMessage());
        vars.put("DATABASE_SSLMODE", "require");
        new RdsIamProvider().open(Environment.of(vars));
    }

    @Test
    void rdsIamWithRequireIsWarnedAboutOnceAndVerifyFullNot() throws Exception {
        vars.put("DATABASE_IAM_AUTH", "true");
        vars.put("DATABASE_URL", "postgresql://iam_user@unverified.example:5432/app?sslmode=require");
        new RdsIamProvider().open(Environment.of(vars));
        new RdsIamProvider().open(Environment.of(vars));
        vars.put("DATABASE_URL", "postgresql://iam_user@verified.example:5432/app?sslmode=verify-full"
                + "&sslcert=/etc/ssl/rds/global-bundle.pem");
        new RdsIamProvider().open(Environment.of(vars));
        List<String> warnings = log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
        assertEquals(List.of("WARNING RDS IAM authentication to unverified.example:5432/app uses sslmode=require, which "
                + "encrypts but verifies no certificate: whoever can intercept the connection can capture a token valid "
                + "for up to 15 minutes. Use sslmode=verify-full with sslcert (Prisma URL) or sslrootcert (jdbc: URL) "
                + "set to the RDS CA bundle, global-bundle.pem"), warnings);
    }

    @Test
    void regionFromRdsHostNames() {
        assertEquals("us-east-2", RdsIamProvider.regionOfRdsHost("a.b.us-east-2.rds.amazonaws.com:5432/db"));
        assertEquals("cn-north-1", RdsIamProvider.regionOfRdsHost("a.b.cn-north-1.rds.amazonaws.com.cn/db"));
        assertNull(RdsIamProvider.regionOfRdsHost("db.example:5432/db"));
        assertNull(RdsIamProvider.regionOfRdsHost("rds.amazonaws.com"));
    }

    @Test
    void registeredForModulePathAndClassPath() throws IOException {
        Module module = getClass().getModule();
        module.addUses(CredentialProvider.class);
        List<String> found = new ArrayList<>();
        for (CredentialProvider p : ServiceLoader.load(CredentialProvider.class)) {
            found.add(p.name());
        }
        assertTrue(found.containsAll(List.of("aws-secrets-manager", "aws-rds-iam")), found.toString());
        try (InputStream in = module.getResourceAsStream("META-INF/services/io.credpool.spi.CredentialProvider")) {
            assertEquals("io.credpool.aws.internal.provider.SecretsManagerProvider\n"
                    + "io.credpool.aws.internal.provider.RdsIamProvider\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (module.isNamed()) {
            assertEquals(2, module.getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(CredentialProvider.class.getName()))
                    .mapToInt(p -> p.providers().size()).sum());
        }
    }
    @Test
    void aHostileConfiguredRegionIsAnErrorNotAFallbackToTheHost() {
        DatabaseConfig config = io.credpool.DatabaseUrl.parse("postgresql://iam@a.b.eu-north-1.rds.amazonaws.com/db?sslmode=require");
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class,
                () -> RdsIamProvider.region(Environment.of(Map.of("AWS_REGION", "x@127.0.0.1:P/#")), config));
        assertTrue(e.getMessage().startsWith("AWS_REGION is not an AWS region name"), e.getMessage());
        assertEquals("eu-north-1", RdsIamProvider.region(Environment.of(Map.of()), config));
        assertNull(RdsIamProvider.regionOfRdsHost("a.b.eu_north-1.rds.amazonaws.com/db"), "not a region name: no region");
    }
}
