package io.credpool.aws.internal.auth;

import io.credpool.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared AWS files, {@code ~/.aws/config} and {@code ~/.aws/credentials}, read as the SDKs
 * read them: sections {@code [profile name]} (config) and {@code [name]} (credentials),
 * {@code key = value} lines, {@code #} and {@code ;} comments, indented continuation lines; the
 * credentials file wins over the config file for the same profile. The config file's
 * {@code [sso-session name]} sections are kept apart from the profiles.
 */
public final class ProfileFiles {

    private final String profileName;
    private final boolean profileNamedExplicitly;
    private final Path credentialsFile;
    private final Path configFile;
    private final Map<String, Map<String, String>> profiles;
    private final Map<String, Map<String, String>> ssoSessions;

    private ProfileFiles(String profileName, boolean explicit, Path credentialsFile, Path configFile,
                         Map<String, Map<String, String>> profiles, Map<String, Map<String, String>> ssoSessions) {
        this.profileName = profileName;
        this.profileNamedExplicitly = explicit;
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
        this.profiles = profiles;
        this.ssoSessions = ssoSessions;
    }

    /**
     * Reads the files the environment points at ({@code AWS_SHARED_CREDENTIALS_FILE},
     * {@code AWS_CONFIG_FILE}, else under the home directory); a missing file is empty.
     *
     * @throws IOException when a file exists but cannot be read
     */
    public static ProfileFiles load(Environment env) throws IOException {
        String name = first(env, "aws.profile", "AWS_PROFILE");
        boolean explicit = name != null;
        if (name == null) {
            name = "default";
        }
        Path credentials = path(env, first(env, "aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE"),
                ".aws/credentials");
        Path config = path(env, first(env, "aws.configFile", "AWS_CONFIG_FILE"), ".aws/config");
        Map<String, Map<String, String>> profiles = new HashMap<>();
        Map<String, Map<String, String>> ssoSessions = new HashMap<>();
        if (config != null && Files.isRegularFile(config)) {
            parse(Files.readString(config, StandardCharsets.UTF_8), true, profiles, ssoSessions);
        }
        if (credentials != null && Files.isRegularFile(credentials)) {
            parse(Files.readString(credentials, StandardCharsets.UTF_8), false, profiles, ssoSessions);
        }
        return new ProfileFiles(name, explicit, credentials, config, profiles, ssoSessions);
    }

    /** The profile in use: {@code aws.profile}, else {@code AWS_PROFILE}, else {@code default}. */
    public String profileName() {
        return profileName;
    }

    /** Whether the profile was chosen by a variable rather than being the default. */
    public boolean profileNamedExplicitly() {
        return profileNamedExplicitly;
    }

    /** The properties of the profile in use, or {@code null} when neither file has it. */
    public Map<String, String> profile() {
        return profiles.get(profileName);
    }

    /** The properties of profile {@code name}, or {@code null} when neither file has it. */
    public Map<String, String> profile(String name) {
        return profiles.get(name);
    }

    /** The properties of the config file's {@code [sso-session name]} section, or {@code null}. */
    public Map<String, String> ssoSession(String name) {
        return ssoSessions.get(name);
    }

    /** The config file's path, for messages ({@code null} without a home directory). */
    public Path configFile() {
        return configFile;
    }

    /** Where the files were looked for, for messages. */
    public String locations() {
        return credentialsFile + ", " + configFile;
    }

    /** Whether either file exists. */
    public boolean anyFileExists() {
        return (credentialsFile != null && Files.isRegularFile(credentialsFile))
                || (configFile != null && Files.isRegularFile(configFile));
    }

    private static String first(Environment env, String property, String variable) {
        String value = env.get(property).orElse(null);
        if (value == null) {
            value = env.get(variable).orElse(null);
        }
        return value == null ? null : value.trim();
    }

    private static Path path(Environment env, String configured, String underHome) {
        String home = home(env);
        if (configured != null) {
            if (home != null && (configured.equals("~") || configured.startsWith("~/") || configured.startsWith("~\\"))) {
                return Path.of(home + configured.substring(1));
            }
            return Path.of(configured);
        }
        return home == null ? null : Path.of(home).resolve(underHome);
    }

    /** {@code HOME}, else {@code USERPROFILE}, else the {@code user.home} property. */
    static String home(Environment env) {
        String home = env.get("HOME").orElse(null);
        if (home == null) {
            home = env.get("USERPROFILE").orElse(null);
        }
        if (home == null) {
            home = env.get("user.home").orElse(null);
        }
        return home;
    }

    /**
     * Parses one file into {@code profiles}, overriding properties already there. In the config file
     * a section is {@code [profile name]} or {@code [default]}; {@code [profile default]} wins over
     * {@code [default]}; {@code [sso-session name]} goes to {@code ssoSessions}; other sections
     * ({@code [services x]}) are skipped.
     */
    static void parse(String text, boolean configFile, Map<String, Map<String, String>> profiles,
                      Map<String, Map<String, String>> ssoSessions) {
        Map<String, String> section = null;
        String lastKey = null;
        Map<String, String> plainDefault = null;
        String[] lines = text.split("\n", -1);
        for (String rawLine : lines) {
            String line = stripCarriageReturn(rawLine);
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                lastKey = null;
                int close = trimmed.indexOf(']');
                if (close < 0) {
                    section = null;
                    continue;
                }
                String name = trimmed.substring(1, close).trim();
                section = null;
                if (!configFile) {
                    section = section(profiles, name);
                } else if (name.equals("default")) {
                    if (plainDefault == null) {
                        plainDefault = new LinkedHashMap<>();
                    }
                    section = plainDefault;
                } else if (name.startsWith("profile ") || name.startsWith("profile\t")) {
                    section = section(profiles, name.substring(8).trim());
                } else if (name.startsWith("sso-session ") || name.startsWith("sso-session\t")) {
                    section = section(ssoSessions, name.substring(12).trim());
                }
                continue;
            }
            if (section == null) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
                String previous = section.get(lastKey);
                section.put(lastKey, previous.isEmpty() ? trimmed : previous + "\n" + trimmed);
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            lastKey = trimmed.substring(0, eq).trim();
            section.put(lastKey, stripInlineComment(trimmed.substring(eq + 1)).trim());
        }
        if (plainDefault != null) {
            Map<String, String> target = section(profiles, "default");
            for (Map.Entry<String, String> e : plainDefault.entrySet()) {
                target.putIfAbsent(e.getKey(), e.getValue());
            }
        }
    }

    private static Map<String, String> section(Map<String, Map<String, String>> profiles, String name) {
        Map<String, String> section = profiles.get(name);
        if (section == null) {
            section = new LinkedHashMap<>();
            profiles.put(name, section);
        }
        return section;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A {@code #} or {@code ;} preceded by whitespace starts a comment. */
    private static String stripInlineComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i);
            }
        }
        return value;
    }
}
