package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.credpool.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {

    @TempDir
    Path dir;

    private static Map<String, Map<String, String>> parse(String text, boolean config) {
        Map<String, Map<String, String>> profiles = new HashMap<>();
        ProfileFiles.parse(text, config, profiles, new HashMap<>());
        return profiles;
    }

    @Test
    void configSectionsNeedTheProfilePrefix() {
        Map<String, Map<String, String>> p = parse("[default]\nregion=us-east-1\n[profile  dev ]\nregion = eu-west-1\n"
                + "[dev2]\nregion = ignored\n[sso-session corp]\nsso_region = x\n[services s]\ns3 =\n  endpoint_url = y\n",
                true);
        assertEquals(Map.of("default", Map.of("region", "us-east-1"), "dev", Map.of("region", "eu-west-1")), p);
    }

    @Test
    void ssoSessionSectionsAreKeptApartAndOnlyInTheConfigFile() {
        Map<String, Map<String, String>> profiles = new HashMap<>();
        Map<String, Map<String, String>> sessions = new HashMap<>();
        ProfileFiles.parse("[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                + "[profile corp]\nsso_session = corp\n", true, profiles, sessions);
        ProfileFiles.parse("[sso-session other]\nsso_region = us-east-1\n", false, profiles, sessions);
        assertEquals(Map.of("corp", Map.of("sso_start_url", "https://corp.awsapps.com/start", "sso_region", "eu-west-1")),
                sessions);
        assertEquals(Map.of("corp", Map.of("sso_session", "corp"), "sso-session other", Map.of("sso_region", "us-east-1")),
                profiles, "the credentials file has no sso-session sections: there a bracket holds a profile name");
    }

    @Test
    void profileDefaultWinsOverDefaultInConfig() {
        Map<String, Map<String, String>> p = parse("[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n",
                true);
        assertEquals(Map.of("region", "b", "output", "json"), p.get("default"));
    }

    @Test
    void commentsContinuationsAndCrLf() {
        Map<String, Map<String, String>> p = parse("; leading comment\r\n# another\r\n[a] ; section comment\r\n"
                + "key = value # comment\r\nslashy = ab/c+d#not-a-comment\r\nnested =\r\n  one = 1\r\n  two = 2\r\n"
                + "empty =\r\n[broken\r\norphan = x\r\n", false);
        Map<String, String> a = p.get("a");
        assertEquals("value", a.get("key"));
        assertEquals("ab/c+d#not-a-comment", a.get("slashy"));
        assertEquals("one = 1\ntwo = 2", a.get("nested"));
        assertEquals("", a.get("empty"));
        assertNull(a.get("orphan"));
    }

    @Test
    void locationsFromVariablesAndTilde() throws Exception {
        Path home = Files.createDirectories(dir.resolve("h"));
        Files.createDirectories(home.resolve("custom"));
        Files.writeString(home.resolve("custom/creds"), "[x]\naws_access_key_id = A\n");
        ProfileFiles files = ProfileFiles.load(Environment.of(Map.of("HOME", home.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", "~/custom/creds", "AWS_PROFILE", "x")));
        assertEquals("x", files.profileName());
        assertEquals("A", files.profile().get("aws_access_key_id"));
        assertEquals(home.resolve("custom/creds") + ", " + home.resolve(".aws/config"), files.locations());

        ProfileFiles byProperty = ProfileFiles.load(Environment.of(Map.of("user.home", home.toString(),
                "aws.profile", "y", "AWS_PROFILE", "x")));
        assertEquals("y", byProperty.profileName());
        assertNull(byProperty.profile());
        assertFalse(byProperty.anyFileExists());
    }
}
