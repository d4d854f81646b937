package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.DatabaseConfigException;
import io.credpool.Environment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Region names from every source are checked before they reach an endpoint URL or a signature. */
class AwsRegionTest {

    private static final String HOSTILE = "x@127.0.0.1:P/#";

    @TempDir
    Path dir;

    @Test
    void validNamesFromEachVariablePass() {
        for (String name : List.of("aws.region", "AWS_REGION", "AWS_DEFAULT_REGION")) {
            for (String region : List.of("eu-west-1", "us-gov-west-1", "cn-north-1", "us-isob-east-1", "local")) {
                assertEquals(region, AwsRegion.resolve(Environment.of(Map.of(name, " " + region + " "))), name);
            }
        }
    }

    @Test
    void aHostileRegionNeverBecomesAnEndpoint() {
        for (String name : List.of("aws.region", "AWS_REGION", "AWS_DEFAULT_REGION")) {
            Environment env = Environment.of(Map.of(name, HOSTILE));
            DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> AwsRegion.resolve(env));
            assertEquals(name + " is not an AWS region name: use letters, digits and '-' only (at most 63, not starting"
                    + " or ending with '-'), e.g. " + name + "=eu-west-1", e.getMessage());
            assertThrows(DatabaseConfigException.class, () -> AwsRegion.resolveQuietly(env), "invalid is not unset");
        }
        assertThrows(IllegalArgumentException.class,
                () -> Endpoints.resolve(Environment.of(Map.of()), "SECRETS_MANAGER", "secretsmanager", HOSTILE));
    }

    @Test
    void everyOddCharacterIsRejected() {
        for (String bad : List.of("eu_west_1", "eu.west.1", "eu-west-1.evil.com", "eu-west-1/", "-eu", "eu-", "eu west",
                "e\u00fc-west-1", "eu-west\n-1", "a".repeat(64), "eu-west-1?x", "%65u")) {
            assertThrows(DatabaseConfigException.class,
                    () -> AwsRegion.resolve(Environment.of(Map.of("AWS_REGION", bad))), bad);
        }
        assertEquals("a".repeat(63), AwsRegion.resolve(Environment.of(Map.of("AWS_REGION", "a".repeat(63)))));
    }

    @Test
    void aHostileRegionInTheProfileFileIsNamedByProfileAndFile() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile app]\nregion = evil.example/x#\n");
        Environment env = Environment.of(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "app",
                "HOME", dir.toString()));
        DatabaseConfigException e = assertThrows(DatabaseConfigException.class, () -> AwsRegion.resolve(env));
        assertTrue(e.getMessage().startsWith("The region of AWS profile 'app' in ") && e.getMessage().contains(config
                + " is not an AWS region name"), e.getMessage());
        assertFalse(e.getMessage().contains("evil.example"), e.getMessage());

        Files.writeString(config, "[profile app]\nregion = ap-southeast-2\n");
        assertEquals("ap-southeast-2", AwsRegion.resolve(env));
        assertEquals(URI.create("https://secretsmanager.ap-southeast-2.amazonaws.com/"),
                Endpoints.resolve(env, "SECRETS_MANAGER", "secretsmanager", AwsRegion.resolve(env)));
    }
}
