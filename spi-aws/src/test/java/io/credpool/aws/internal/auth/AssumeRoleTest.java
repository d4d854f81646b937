package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.auth.FakeSts.Call;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.testkit.LogCapture;
import io.credpool.testkit.MutableClock;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles with {@code role_arn}: the role assumed at a local STS that checks every SigV4
 * signature, with the credentials of {@code source_profile} (static keys, another role, the profile
 * itself) or of {@code credential_source} (Environment, Ec2InstanceMetadata, EcsContainer); cached
 * until shortly before expiry; refusals, cycles and bad settings named with their fix, never a secret.
 */
class AssumeRoleTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private static final String BASE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String ROLE_SECRET = "rOLEsECRETkEY/K7MDENG+bPxRfiCYEXAMPLE";
    private static final String ROLE_TOKEN = "FwoGZXIvYXdzROLESESSIONTOKEN//+==";
    private static final String SOURCE_TOKEN = "IQoJb3JpZ2luSOURCESESSIONTOKEN+/=";
    private static final AwsCredentials BASE = AwsCredentials.of("AKIDBASE", BASE_SECRET);
    private static final AwsCredentials ASSUMED = new AwsCredentials("ASIAROLE", ROLE_SECRET, ROLE_TOKEN, null, "sts");

    @TempDir
    Path dir;

    private final HttpClient http = AwsHttp.newClient(null);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeSts sts = new FakeSts("eu-west-1", clock::instant);
    private final FakeServer agent = FakeServer.http();
    private Map<String, String> vars;

    @BeforeEach
    void isolate() {
        vars = new HashMap<>();
        vars.put("HOME", dir.resolve("home").toString());
        vars.put("AWS_EC2_METADATA_DISABLED", "true");
        vars.put("AWS_REGION", "eu-west-1");
        vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
    }

    @AfterEach
    void stop() {
        sts.close();
        agent.close();
    }

    private CredentialChain chain() {
        return CredentialChain.standard(Environment.of(vars), http, clock);
    }

    private void config(String text) throws Exception {
        vars.put("AWS_CONFIG_FILE", Files.writeString(dir.resolve("config"), text).toString());
    }

    private void credentials(String text) throws Exception {
        vars.put("AWS_SHARED_CREDENTIALS_FILE", Files.writeString(dir.resolve("credentials"), text).toString());
    }

    private CredentialException fails() {
        return assertThrows(CredentialException.class, () -> chain().credentials());
    }

    private static void assertNoSecrets(String text) {
        for (String secret : List.of(BASE_SECRET, ROLE_SECRET, ROLE_TOKEN, SOURCE_TOKEN)) {
            assertFalse(text.contains(secret), text);
        }
    }

    // ---------------------------------------------------------------- source_profile

    @Test
    void sourceProfileWithStaticKeys() throws Exception {
        sts.accept(BASE).enqueue(FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
        config("[profile dev]\nrole_arn = " + ROLE + "\nsource_profile = base\nrole_session_name = alice\n"
                + "external_id = ext-42\nduration_seconds = 1800\n");
        credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        vars.put("AWS_PROFILE", "dev");

        AwsCredentials c = chain().credentials();
        assertEquals(new AwsCredentials("ASIAROLE", ROLE_SECRET, ROLE_TOKEN, T0.plus(Duration.ofHours(1)),
                "profile dev role " + ROLE), c);
        assertEquals(List.of(), sts.problems());
        assertEquals(List.of(new Call(Map.of("Action", "AssumeRole", "Version", "2011-06-15", "RoleArn", ROLE,
                "RoleSessionName", "alice", "ExternalId", "ext-42", "DurationSeconds", "1800"), "AKIDBASE", "eu-west-1")),
                sts.calls());
        assertNoSecrets(c.toString());
    }

    @Test
    void rolesChainedThroughSourceProfilesAreCachedUntilShortlyBeforeExpiry() throws Exception {
        AwsCredentials mid = new AwsCredentials("ASIAMID", "mid-secret-value", SOURCE_TOKEN, null, "sts");
        sts.accept(BASE).accept(mid).enqueue(
                FakeSts.credentials(mid, T0.plus(Duration.ofHours(1))),
                FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))),
                FakeSts.credentials(mid, T0.plus(Duration.ofHours(2))),
                FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(2))));
        config("[profile dev]\nrole_arn = " + ROLE + "\nsource_profile = mid\n"
                + "[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/mid\nsource_profile = base\n"
                + "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        vars.put("AWS_PROFILE", "dev");
        CredentialChain chain = chain();

        assertEquals("ASIAROLE", chain.credentials().accessKeyId());
        List<Call> calls = sts.calls();
        assertEquals("arn:aws:iam::123456789012:role/mid", calls.get(0).form().get("RoleArn"));
        assertEquals("AKIDBASE", calls.get(0).accessKeyId());
        assertEquals(ROLE, calls.get(1).form().get("RoleArn"));
        assertEquals("ASIAMID", calls.get(1).accessKeyId(), "the second role is assumed with the first one's keys");
        assertTrue(calls.get(1).form().get("RoleSessionName").startsWith("credpool-"));

        clock.advance(Duration.ofMinutes(54));
        chain.credentials();
        assertEquals(2, sts.count(), "cached while more than 5 minutes are left");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(T0.plus(Duration.ofHours(2)), chain.credentials().expiration());
        assertEquals(4, sts.count(), "the whole chain is assumed again 4 minutes before expiry");
        assertEquals(List.of(), sts.problems());
    }

    @Test
    void aRoleProfileMayNameItselfAsSourceWhenItHoldsKeys() throws Exception {
        vars.remove("AWS_REGION");
        config("[default]\nrole_arn = " + ROLE + "\nsource_profile = default\n"
                + "aws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        FakeSts global = new FakeSts("us-east-1", clock::instant).accept(BASE);
        try (global) {
            global.enqueue(FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
            vars.put("AWS_ENDPOINT_URL_STS", global.uri().toString());
            assertEquals("ASIAROLE", chain().credentials().accessKeyId());
            assertEquals("us-east-1", global.calls().get(0).signingRegion(), "no region: signed for the global endpoint");
            assertEquals(List.of(), global.problems());
        }
    }

    // ---------------------------------------------------------------- credential_source

    @Test
    void credentialSourceEnvironment() throws Exception {
        sts.accept(new AwsCredentials("ASIAENV", BASE_SECRET, SOURCE_TOKEN, null, "env"))
                .enqueue(FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
        config("[profile dev]\nrole_arn = " + ROLE + "\ncredential_source = Environment\n");
        vars.put("AWS_PROFILE", "dev");
        vars.put("AWS_ACCESS_KEY_ID", "ASIAENV");
        vars.put("AWS_SECRET_ACCESS_KEY", BASE_SECRET);
        vars.put("AWS_SESSION_TOKEN", SOURCE_TOKEN);

        // In the chain, keys in the environment are used as they are before any profile is read (as in
        // the AWS SDKs); the profile link, asked by itself, assumes the role with them.
        assertEquals("environment variables", chain().credentials().source());
        AwsCredentials c = new ProfileSource(Environment.of(vars), http, clock).load();
        assertEquals("ASIAROLE", c.accessKeyId());
        assertEquals("ASIAENV", sts.calls().get(0).accessKeyId());
        assertEquals(List.of(), sts.problems());

        vars.remove("AWS_ACCESS_KEY_ID");
        vars.remove("AWS_SECRET_ACCESS_KEY");
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(profile dev credential_source = Environment has no credentials: "
                + "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set))"), e.getMessage());
    }

    @Test
    void credentialSourceEc2InstanceMetadata() throws Exception {
        AwsCredentials instance = new AwsCredentials("ASIAEC2", BASE_SECRET, SOURCE_TOKEN, null, "imds");
        sts.accept(instance).enqueue(FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
        agent.otherwise(r -> {
            if (r.method().equals("PUT")) {
                return Reply.of(200, "imds-session-token");
            }
            if (r.rawPath().endsWith("/security-credentials/")) {
                return Reply.of(200, "instance-role");
            }
            return Reply.of(200, "{\"Code\":\"Success\",\"AccessKeyId\":\"ASIAEC2\",\"SecretAccessKey\":\"" + BASE_SECRET
                    + "\",\"Token\":\"" + SOURCE_TOKEN + "\",\"Expiration\":\"" + T0.plus(Duration.ofHours(6)) + "\"}");
        });
        vars.remove("AWS_EC2_METADATA_DISABLED");
        vars.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", agent.uri().toString());
        config("[default]\nrole_arn = " + ROLE + "\ncredential_source = Ec2InstanceMetadata\n");

        AwsCredentials c = chain().credentials();
        assertEquals("profile default role " + ROLE, c.source());
        assertEquals(3, agent.count(), "token, role name, role credentials");
        assertEquals("ASIAEC2", sts.calls().get(0).accessKeyId());
        assertEquals(List.of(), sts.problems());
    }

    @Test
    void credentialSourceEcsContainer() throws Exception {
        AwsCredentials task = new AwsCredentials("ASIATASK", BASE_SECRET, SOURCE_TOKEN, null, "ecs");
        sts.accept(task).enqueue(FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
        agent.otherwise(r -> "agent-token".equals(r.header("Authorization"))
                ? Reply.json(200, "application/json", "{\"AccessKeyId\":\"ASIATASK\",\"SecretAccessKey\":\"" + BASE_SECRET
                        + "\",\"Token\":\"" + SOURCE_TOKEN + "\",\"Expiration\":\"" + T0.plus(Duration.ofHours(6)) + "\"}")
                : Reply.of(401, ""));
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.uri() + "v2/credentials");
        vars.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "agent-token");
        config("[default]\nrole_arn = " + ROLE + "\ncredential_source = ecscontainer\n");

        assertEquals("ASIAROLE", chain().credentials().accessKeyId());
        assertEquals("ASIATASK", sts.calls().get(0).accessKeyId());
        assertEquals(List.of(), sts.problems());
    }

    // ---------------------------------------------------------------- refusals and bad settings

    @Test
    void accessDeniedNamesTheProfileTheRoleAndTheFixNeverASecret() throws Exception {
        sts.accept(BASE).enqueue(FakeSts.error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/alice is "
                + "not authorized to perform: sts:AssumeRole on resource: " + ROLE));
        config("[profile dev]\nrole_arn = " + ROLE + "\nsource_profile = base\nexternal_id = ext-42\n"
                + "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        vars.put("AWS_PROFILE", "dev");
        try (LogCapture log = LogCapture.start()) {
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("(profile dev may not assume role " + ROLE + " (HTTP 403 AccessDenied: "
                    + "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on "
                    + "resource: " + ROLE + "): the role's trust policy must allow sts:AssumeRole by the identity of "
                    + "source_profile base, and that identity's own policies must allow sts:AssumeRole on the role; "
                    + "check that external_id matches the trust policy's sts:ExternalId)"), e.getMessage());
            assertEquals(1, sts.count(), "a refusal is not retried");
            assertNoSecrets(LogCapture.stackTrace(e));
            assertNoSecrets(log.everything());
        }
        assertEquals(List.of(), sts.problems());
    }

    @Test
    void refusedSourceCredentialsAndThrottling() throws Exception {
        sts.accept(BASE).enqueue(FakeSts.error(400, "Throttling", "Rate exceeded"),
                FakeSts.credentials(ASSUMED, T0.plus(Duration.ofHours(1))));
        config("[default]\nrole_arn = " + ROLE + "\nsource_profile = base\n"
                + "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        assertEquals("ASIAROLE", chain().credentials().accessKeyId());
        assertEquals(2, sts.count(), "throttling is retried");

        config("[default]\nrole_arn = " + ROLE + "\nsource_profile = base\n"
                + "[profile base]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = " + BASE_SECRET + "\n");
        sts.enqueue(Reply.of(500, "unused"));
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(STS refused the credentials of source_profile base that profile default "
                + "assumes role " + ROLE + " with (HTTP 403 SignatureDoesNotMatch: The request signature we calculated "
                + "does not match the signature you provided.): renew or correct those credentials)"), e.getMessage());
        assertNoSecrets(e.getMessage());
    }

    @Test
    void cyclesNameTheProfiles() throws Exception {
        config("[profile a]\nrole_arn = " + ROLE + "\nsource_profile = b\n"
                + "[profile b]\nrole_arn = " + ROLE + "\nsource_profile = c\n"
                + "[profile c]\nrole_arn = " + ROLE + "\nsource_profile = a\n"
                + "[profile self]\nrole_arn = " + ROLE + "\nsource_profile = self\n");
        vars.put("AWS_PROFILE", "a");
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(the profiles a -> b -> c -> a form a cycle through source_profile: end the "
                + "chain at a profile with credentials"), e.getMessage());
        vars.put("AWS_PROFILE", "self");
        e = fails();
        assertTrue(e.getMessage().contains("(the profiles self -> self form a cycle"), e.getMessage());
        assertEquals(0, sts.count());
    }

    @Test
    void chainsLongerThanTheLimitAreRefused() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            text.append("[profile p").append(i).append("]\nrole_arn = ").append(ROLE).append("\nsource_profile = p")
                    .append(i + 1).append('\n');
        }
        config(text + "[profile p7]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " + BASE_SECRET + "\n");
        vars.put("AWS_PROFILE", "p1");
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(the source_profile chain p1 -> p2 -> p3 -> p4 -> p5 -> p6 passes through "
                + "more than 5 profiles: point one of them at a profile with credentials)"), e.getMessage());
        assertEquals(0, sts.count());
    }

    @Test
    void badRoleSettingsNameTheProfileAndTheFix() throws Exception {
        Map<String, String> expected = Map.of(
                "role_arn = " + ROLE + "\nsource_profile = nowhere\n",
                "profile dev names source_profile nowhere, which is not in " + dir.resolve("home/.aws/credentials")
                        + ", " + dir.resolve("config") + ": add [profile nowhere] or correct source_profile",
                "role_arn = " + ROLE + "\nsource_profile = dev\ncredential_source = Environment\n",
                "profile dev sets both source_profile and credential_source: keep one",
                "role_arn = " + ROLE + "\ncredential_source = Lambda\n",
                "profile dev credential_source = Lambda is not one of Environment, Ec2InstanceMetadata or EcsContainer",
                "role_arn = " + ROLE + "\n",
                "profile dev sets role_arn without source_profile, credential_source or web_identity_token_file: add "
                        + "source_profile = <a profile with credentials>, or credential_source = Environment, "
                        + "Ec2InstanceMetadata or EcsContainer",
                "role_arn = " + ROLE + "\ncredential_source = Environment\nduration_seconds = 1h\n",
                "profile dev duration_seconds is not a whole number of seconds: use e.g. duration_seconds = 3600",
                "role_arn = " + ROLE + "\ncredential_source = Environment\nmfa_serial = arn:aws:iam::1:mfa/alice\n",
                "profile dev sets mfa_serial, and credpool cannot ask for an MFA code: remove mfa_serial");
        vars.put("AWS_PROFILE", "dev");
        for (Map.Entry<String, String> c : expected.entrySet()) {
            config("[profile dev]\n" + c.getKey());
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("(" + c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
        assertEquals(0, sts.count());
    }
}
