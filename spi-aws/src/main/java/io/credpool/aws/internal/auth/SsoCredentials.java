package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import io.credpool.aws.internal.http.AwsHttp;
import io.credpool.aws.internal.sign.Crypto;
import io.credpool.aws.internal.sign.UriEncoding;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM Identity Center (SSO) profile: {@code sso_account_id} and {@code sso_role_name}, with
 * {@code sso_start_url} and {@code sso_region} from its {@code [sso-session name]} section (or, in
 * the legacy form, from the profile). The access token is the one {@code aws sso login} cached in
 * {@code ~/.aws/sso/cache/<sha1 of the session name, or of the start URL>.json}; the SSO portal's
 * {@code GetRoleCredentials} exchanges it for the role's credentials. credpool never refreshes the
 * token itself: an expired or missing one is an error telling the user to log in again.
 *
 * @param profile   the profile's name
 * @param session   the {@code sso_session}, or {@code null} in the legacy form
 * @param startUrl  {@code sso_start_url}
 * @param region    {@code sso_region}
 * @param accountId {@code sso_account_id}
 * @param roleName  {@code sso_role_name}
 */
record SsoCredentials(String profile, String session, String startUrl, String region, String accountId,
                      String roleName) {

    /** The keys that mark a profile as an SSO profile. */
    static final List<String> KEYS = List.of("sso_session", "sso_start_url", "sso_region", "sso_account_id",
            "sso_role_name");

    /** A token cache file is a few kilobytes; anything this large is not one. */
    private static final long MAX_CACHE_FILE = 1 << 20;

    /** Whether {@code profile} has any SSO setting. */
    static boolean configured(Map<String, String> profile) {
        return KEYS.stream().anyMatch(profile::containsKey);
    }

    /**
     * The SSO settings of profile {@code name}, merged with its {@code [sso-session]} section.
     *
     * @throws Unavailable when the section is missing, disagrees with the profile, or a setting is absent
     */
    static SsoCredentials of(ProfileFiles files, String name, Map<String, String> profile) throws Unavailable {
        Map<String, String> merged = new LinkedHashMap<>(profile);
        String session = profile.get("sso_session");
        if (session != null) {
            session = session.trim();
            Map<String, String> section = files.ssoSession(session);
            if (section == null) {
                throw Unavailable.failed("profile " + name + " names sso_session = " + session + ", but "
                        + files.configFile() + " has no [sso-session " + session + "] section: add it with "
                        + "aws configure sso-session");
            }
            for (Map.Entry<String, String> e : section.entrySet()) {
                String own = profile.get(e.getKey());
                if (own != null && !own.trim().equals(e.getValue().trim())) {
                    throw Unavailable.failed("profile " + name + " and [sso-session " + session + "] set different "
                            + e.getKey() + " values: remove " + e.getKey() + " from the profile");
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("sso_start_url", "sso_region", "sso_account_id", "sso_role_name")) {
            String value = merged.get(key);
            if (value == null || value.isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw Unavailable.failed("profile " + name + " uses IAM Identity Center (SSO) but lacks "
                    + String.join(", ", missing) + ": run aws configure sso --profile " + name);
        }
        String region = merged.get("sso_region").trim();
        if (!AwsRegion.isValid(region)) {
            throw Unavailable.failed("profile " + name + " sso_region is not an AWS region name: use letters, digits "
                    + "and '-' only, e.g. sso_region = eu-west-1");
        }
        return new SsoCredentials(name, session, merged.get("sso_start_url").trim(), region,
                merged.get("sso_account_id").trim(), merged.get("sso_role_name").trim());
    }

    /** Exchanges the cached token for the role's credentials; retries throttling, server errors and I/O failures. */
    AwsCredentials load(Environment env, HttpClient http, Clock clock) throws Unavailable {
        String token = cachedToken(env, clock);
        URI endpoint = Endpoints.resolve(env, "SSO", "portal.sso", region);
        URI uri = endpoint.resolve("federation/credentials?role_name=" + UriEncoding.encode(roleName)
                + "&account_id=" + UriEncoding.encode(accountId));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(AwsHttp.REQUEST_TIMEOUT)
                .header("x-amz-sso_bearer_token", token).header("Accept", "application/json").GET().build();
        String what = "SSO GetRoleCredentials for role " + roleName + " in account " + accountId + " (profile "
                + profile + ") at " + AwsHttp.display(uri);
        return SourceRetry.ENDPOINT.call(attempt -> {
            HttpResponse<String> response = SourceRetry.send(http, request);
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body(), what);
            }
            String failure = "HTTP " + status + errorType(response);
            if (status == 429 || status >= 500) {
                throw Unavailable.retryable(failure, null);
            }
            if (status == 401) {
                throw Unavailable.failed("the SSO portal refused the cached token of profile " + profile + " ("
                        + failure + "): " + loginAdvice());
            }
            if (status == 403 || status == 404) {
                throw Unavailable.failed(what + " failed (" + failure + "): check sso_account_id and sso_role_name of "
                        + "profile " + profile + " (aws sso list-account-roles lists the roles you may use)");
            }
            throw Unavailable.failed(what + " failed: " + failure);
        }, new SourceRetry(what, true));
    }

    /** {@code run aws sso login --profile <name>}, the fix for every token problem. */
    String loginAdvice() {
        return "run aws sso login --profile " + profile;
    }

    /** The access token {@code aws sso login} cached; never in a message. */
    private String cachedToken(Environment env, Clock clock) throws Unavailable {
        String home = ProfileFiles.home(env);
        if (home == null) {
            throw Unavailable.failed("profile " + profile + " uses IAM Identity Center (SSO), whose token cache is "
                    + "under the home directory, but HOME is not set");
        }
        Path file = Path.of(home, ".aws", "sso", "cache", sha1Hex(session != null ? session : startUrl) + ".json");
        String text;
        try {
            if (Files.size(file) > MAX_CACHE_FILE) {
                throw Unavailable.failed("the SSO token cache " + file + " of profile " + profile + " is larger than "
                        + MAX_CACHE_FILE + " bytes: " + loginAdvice());
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Unavailable.failed("profile " + profile + " has no cached SSO token (" + file + " does not exist): "
                    + loginAdvice());
        } catch (IOException e) {
            throw Unavailable.failed("the SSO token cache " + file + " of profile " + profile + " cannot be read ("
                    + e.getClass().getSimpleName() + "): " + loginAdvice());
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonException e) {
            json = Map.of();
        }
        String token = ProfileSource.string(json, "accessToken");
        Instant expiresAt = expiry(ProfileSource.string(json, "expiresAt"));
        if (token == null || expiresAt == null) {
            throw Unavailable.failed("the SSO token cache " + file + " of profile " + profile + " holds no accessToken "
                    + "with an expiresAt: " + loginAdvice());
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw Unavailable.failed("the SSO session of profile " + profile + " expired at " + expiresAt + ": "
                    + loginAdvice());
        }
        return token;
    }

    /** ISO-8601; older CLIs wrote {@code 2020-06-17T10:18:08UTC}. */
    private static Instant expiry(String text) {
        if (text != null && text.endsWith("UTC")) {
            text = text.substring(0, text.length() - 3) + "Z";
        }
        return Times.parse(text);
    }

    private AwsCredentials parse(String body, String what) throws Unavailable {
        Object inner;
        try {
            inner = Json.parseObject(body).get("roleCredentials");
        } catch (JsonException e) {
            throw Unavailable.failed(what + ": the answer is not a JSON object (" + e.getMessage() + ")");
        }
        if (!(inner instanceof Map)) {
            throw Unavailable.failed(what + ": the answer has no roleCredentials");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> credentials = (Map<String, Object>) inner;
        String id = ProfileSource.string(credentials, "accessKeyId");
        String secret = ProfileSource.string(credentials, "secretAccessKey");
        String sessionToken = ProfileSource.string(credentials, "sessionToken");
        Object expiration = credentials.get("expiration");
        if (id == null || secret == null || sessionToken == null || !(expiration instanceof BigDecimal)) {
            throw Unavailable.failed(what + ": the answer lacks accessKeyId, secretAccessKey, sessionToken or expiration");
        }
        Instant expires;
        try {
            expires = Instant.ofEpochMilli(((BigDecimal) expiration).longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw Unavailable.failed(what + ": the answer's expiration is not a time in milliseconds");
        }
        return new AwsCredentials(id, secret, sessionToken, expires, "profile " + profile + " SSO role " + roleName
                + " in account " + accountId);
    }

    /** {@code " UnauthorizedException"} from {@code x-amzn-ErrorType: UnauthorizedException:http://...}, or empty. */
    private static String errorType(HttpResponse<String> response) {
        String type = response.headers().firstValue("x-amzn-ErrorType").orElse("");
        int colon = type.indexOf(':');
        type = (colon < 0 ? type : type.substring(0, colon)).trim();
        return type.matches("[A-Za-z0-9_.]{1,100}") ? " " + type : "";
    }

    private static String sha1Hex(String text) {
        try {
            return Crypto.hex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
