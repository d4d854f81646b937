package io.credpool.aws.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credpool.CredentialException;
import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.http.FakeServer;
import io.credpool.aws.internal.http.FakeServer.Recorded;
import io.credpool.aws.internal.http.FakeServer.Reply;
import io.credpool.aws.internal.http.HostileServer;
import io.credpool.aws.internal.http.HostileServer.Mode;
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
 * IAM Identity Center (SSO) profiles, as {@code aws sso login} leaves them: the token cache under
 * {@code ~/.aws/sso/cache}, exchanged at a local SSO portal that checks the request; expired or
 * missing tokens tell the user to log in again; the access token, secret key and session token
 * never reach a message or a log.
 */
class SsoCredentialsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String START_URL = "https://corp.awsapps.com/start";
    /** SHA-1 of "corp", the session name: the cache file of the sso-session form. */
    private static final String SESSION_CACHE = "ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
    /** SHA-1 of the start URL: the cache file of the legacy form. */
    private static final String LEGACY_CACHE = "a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json";
    private static final String ACCESS_TOKEN = "aoaAAAAAGSsoAccessTokenEXAMPLE+/=";
    private static final String SECRET = "ssoSecretKeyEXAMPLE/K7MDENG+bPxRfiCY";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luSSOSESSIONTOKEN+/=";
    private static final String SSO_CONFIG = "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
            + "sso_role_name = Developer\nregion = eu-west-1\n"
            + "[sso-session corp]\nsso_start_url = " + START_URL + "\nsso_region = eu-central-1\n"
            + "sso_registration_scopes = sso:account:access\n";

    @TempDir
    Path dir;

    private final HttpClient http = AwsHttp.newClient(null);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeServer portal = FakeServer.http();
    private Map<String, String> vars;
    private Path cache;

    @BeforeEach
    void isolate() throws Exception {
        vars = new HashMap<>();
        vars.put("HOME", dir.resolve("home").toString());
        vars.put("AWS_EC2_METADATA_DISABLED", "true");
        vars.put("AWS_ENDPOINT_URL_SSO", portal.uri().toString());
        vars.put("AWS_PROFILE", "dev");
        cache = Files.createDirectories(dir.resolve("home/.aws/sso/cache"));
        portal.otherwise(SsoCredentialsTest::portalAnswer);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** The SSO portal: GetRoleCredentials for role Developer in account 123456789012, with the cached token. */
    private static Reply portalAnswer(Recorded r) {
        if (!r.method().equals("GET") || !r.rawPath().equals("/federation/credentials")
                || !"role_name=Developer&account_id=123456789012".equals(r.rawQuery())) {
            return Reply.json(404, "application/json", "{\"message\":\"No such route\"}");
        }
        if (!ACCESS_TOKEN.equals(r.header("x-amz-sso_bearer_token"))) {
            return Reply.json(401, "application/json", "{\"message\":\"Session token not found or invalid\"}")
                    .withHeader("x-amzn-ErrorType", "UnauthorizedException:http://internal.amazon.com/coral/");
        }
        return Reply.json(200, "application/json", "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\","
                + "\"secretAccessKey\":\"" + SECRET + "\",\"sessionToken\":\"" + SESSION_TOKEN + "\",\"expiration\":"
                + T0.plus(Duration.ofHours(1)).toEpochMilli() + "}}");
    }

    private CredentialChain chain() {
        return CredentialChain.standard(Environment.of(vars), http, clock);
    }

    private void config(String text) throws Exception {
        vars.put("AWS_CONFIG_FILE", Files.writeString(dir.resolve("config"), text).toString());
    }

    private void token(String file, String expiresAt) throws Exception {
        Files.writeString(cache.resolve(file), "{\"startUrl\":\"" + START_URL + "\",\"region\":\"eu-central-1\","
                + "\"accessToken\":\"" + ACCESS_TOKEN + "\",\"expiresAt\":\"" + expiresAt + "\","
                + "\"clientId\":\"client\",\"clientSecret\":\"client-secret\",\"refreshToken\":\"refresh\"}");
    }

    private CredentialException fails() {
        CredentialException e = assertThrows(CredentialException.class, () -> chain().credentials());
        assertNoSecrets(LogCapture.stackTrace(e));
        return e;
    }

    private static void assertNoSecrets(String text) {
        for (String secret : List.of(ACCESS_TOKEN, SECRET, SESSION_TOKEN)) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void ssoSessionFormReadsTheCachedTokenAndCachesTheRoleCredentials() throws Exception {
        config(SSO_CONFIG);
        token(SESSION_CACHE, "2030-01-01T08:00:00Z");
        try (LogCapture log = LogCapture.start()) {
            CredentialChain chain = chain();
            AwsCredentials c = chain.credentials();
            assertEquals(new AwsCredentials("ASIASSO", SECRET, SESSION_TOKEN, T0.plus(Duration.ofHours(1)),
                    "profile dev SSO role Developer in account 123456789012"), c);
            assertEquals(1, portal.count());

            clock.advance(Duration.ofMinutes(54));
            chain.credentials();
            assertEquals(1, portal.count(), "cached while more than 5 minutes are left");
            clock.advance(Duration.ofMinutes(2));
            chain.credentials();
            assertEquals(2, portal.count(), "fetched again 4 minutes before expiry");
            assertNoSecrets(log.everything());
        }
        assertEquals(List.of(), portal.failures());
    }

    @Test
    void legacyFormKeysTheCacheByStartUrl() throws Exception {
        config("[profile dev]\nsso_start_url = " + START_URL + "\nsso_region = eu-central-1\n"
                + "sso_account_id = 123456789012\nsso_role_name = Developer\n");
        token(LEGACY_CACHE, "2030-01-01T08:00:00UTC");
        assertEquals("ASIASSO", chain().credentials().accessKeyId());
    }

    @Test
    void defaultEndpointIsThePortalOfTheSsoRegion() throws Exception {
        SsoCredentials sso = SsoCredentials.of(ProfileFiles.load(Environment.of(Map.of("AWS_CONFIG_FILE",
                Files.writeString(dir.resolve("config"), SSO_CONFIG).toString(), "AWS_PROFILE", "dev"))), "dev",
                Map.of("sso_session", "corp", "sso_account_id", "123456789012", "sso_role_name", "Developer"));
        assertEquals(new SsoCredentials("dev", "corp", START_URL, "eu-central-1", "123456789012", "Developer"), sso);
        assertEquals("https://portal.sso.eu-central-1.amazonaws.com/",
                Endpoints.resolve(Environment.of(Map.of()), "SSO", "portal.sso", sso.region()).toString());
    }

    @Test
    void expiredTokenTellsTheUserToLogIn() throws Exception {
        config(SSO_CONFIG);
        token(SESSION_CACHE, "2029-12-31T23:59:59Z");
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(the SSO session of profile dev expired at 2029-12-31T23:59:59Z: run aws sso "
                + "login --profile dev)"), e.getMessage());
        assertEquals(0, portal.count());
    }

    @Test
    void missingCacheFileTellsTheUserToLogIn() throws Exception {
        config(SSO_CONFIG);
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("(profile dev has no cached SSO token (" + cache.resolve(SESSION_CACHE)
                + " does not exist): run aws sso login --profile dev)"), e.getMessage());

        Files.writeString(cache.resolve(SESSION_CACHE), "{\"accessToken\":\"" + ACCESS_TOKEN + "\"");
        e = fails();
        assertTrue(e.getMessage().contains("(the SSO token cache " + cache.resolve(SESSION_CACHE) + " of profile dev "
                + "holds no accessToken with an expiresAt: run aws sso login --profile dev)"), e.getMessage());
        assertEquals(0, portal.count());
    }

    @Test
    void tokenThePortalRefusesTellsTheUserToLogIn() throws Exception {
        config(SSO_CONFIG);
        Files.writeString(cache.resolve(SESSION_CACHE), "{\"accessToken\":\"revoked-token\","
                + "\"expiresAt\":\"2030-01-01T08:00:00Z\"}");
        try (LogCapture log = LogCapture.start()) {
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("(the SSO portal refused the cached token of profile dev (HTTP 401 "
                    + "UnauthorizedException): run aws sso login --profile dev)"), e.getMessage());
            assertFalse(log.everything().contains("revoked-token"));
            assertFalse(e.getMessage().contains("revoked-token"));
        }
        assertEquals(1, portal.count(), "a refusal is not retried");
    }

    @Test
    void roleOrAccountThePortalDoesNotKnow() throws Exception {
        config(SSO_CONFIG.replace("sso_role_name = Developer", "sso_role_name = Admin"));
        token(SESSION_CACHE, "2030-01-01T08:00:00Z");
        CredentialException e = fails();
        assertTrue(e.getMessage().contains("failed (HTTP 404): check sso_account_id and sso_role_name of profile dev "
                + "(aws sso list-account-roles lists the roles you may use))"), e.getMessage());
    }

    @Test
    void portalServerErrorsAreRetried() throws Exception {
        config(SSO_CONFIG);
        token(SESSION_CACHE, "2030-01-01T08:00:00Z");
        portal.enqueue(Reply.of(503, ""), Reply.json(429, "application/json", "{\"message\":\"slow down\"}"));
        assertEquals("ASIASSO", chain().credentials().accessKeyId());
        assertEquals(3, portal.count());
    }

    @Test
    void aPortalThatSendsWithoutEndFailsWithinTheSizeCap() throws Exception {
        config(SSO_CONFIG);
        token(SESSION_CACHE, "2030-01-01T08:00:00Z");
        try (HostileServer server = new HostileServer(Mode.ENDLESS)) {
            vars.put("AWS_ENDPOINT_URL_SSO", server.uri().toString());
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("at " + server.uri() + "federation/credentials failed after 3 attempts: "
                    + "the answer from " + server.uri() + "federation/credentials is larger than 2 MiB"), e.getMessage());
        }
    }

    @Test
    void incompleteSsoProfilesNameWhatIsMissing() throws Exception {
        Map<String, String> expected = Map.of(
                "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n",
                "profile dev names sso_session = corp, but " + dir.resolve("config") + " has no [sso-session corp] "
                        + "section: add it with aws configure sso-session",
                "[profile dev]\nsso_account_id = 1\nsso_start_url = " + START_URL + "\n",
                "profile dev uses IAM Identity Center (SSO) but lacks sso_region, sso_role_name: run aws configure sso "
                        + "--profile dev",
                SSO_CONFIG.replace("sso_session = corp", "sso_session = corp\nsso_region = us-east-1"),
                "profile dev and [sso-session corp] set different sso_region values: remove sso_region from the profile",
                SSO_CONFIG.replace("sso_region = eu-central-1", "sso_region = eu central"),
                "profile dev sso_region is not an AWS region name");
        for (Map.Entry<String, String> c : expected.entrySet()) {
            config(c.getKey());
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("(" + c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
        assertEquals(0, portal.count());
    }

    @Test
    void aRoleAssumedWithSsoCredentials() throws Exception {
        FakeSts sts = new FakeSts("eu-west-1", clock::instant);
        try (sts) {
            sts.accept(new AwsCredentials("ASIASSO", SECRET, SESSION_TOKEN, null, "sso")).enqueue(FakeSts.credentials(
                    new AwsCredentials("ASIAADMIN", "admin-secret", "admin-token", null, "sts"), T0.plus(Duration.ofHours(1))));
            vars.put("AWS_ENDPOINT_URL_STS", sts.uri().toString());
            vars.put("AWS_PROFILE", "admin");
            config(SSO_CONFIG + "[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/admin\nsource_profile = dev\n"
                    + "region = eu-west-1\n");
            token(SESSION_CACHE, "2030-01-01T08:00:00Z");
            AwsCredentials c = chain().credentials();
            assertEquals("profile admin role arn:aws:iam::210987654321:role/admin", c.source());
            assertEquals("ASIASSO", sts.calls().get(0).accessKeyId());
            assertEquals(List.of(), sts.problems());

            clock.advance(Duration.ofHours(9));
            CredentialException e = fails();
            assertTrue(e.getMessage().contains("the SSO session of profile dev expired at 2030-01-01T08:00:00Z: run aws "
                    + "sso login --profile dev"), e.getMessage());
        }
    }
}
