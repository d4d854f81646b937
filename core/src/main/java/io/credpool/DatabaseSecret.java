package io.credpool;

import io.credpool.internal.config.ConfigAssembler;
import io.credpool.internal.config.Hosts;
import io.credpool.internal.config.Keys;
import io.credpool.internal.config.PoolKeys;
import io.credpool.internal.config.Redact;
import io.credpool.internal.config.RedactedMap;
import io.credpool.internal.config.Setting;
import io.credpool.internal.config.Values;
import io.credpool.internal.json.Json;
import io.credpool.internal.json.JsonException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The database secret document, as AWS Secrets Manager stores it for RDS and as a mounted secret
 * file holds it:
 *
 * <pre>{@code
 * {"host": "db.example", "port": "5432", "username": "app", "password": "...", "dbname": "streams", "engine": "postgres"}
 * }</pre>
 *
 * <p>{@code port} may be a string or a number and defaults to 5432; {@code engine} must be
 * {@code postgres} or {@code postgresql} when present. Other fields are allowed and ignored,
 * except the keys of {@link DatabaseUrl}'s table ({@code schema}, {@code sslmode},
 * {@code connection_limit}, ...), which are kept in {@link #parameters()} and applied by
 * {@link #toConfig(Environment)}. {@link #toString()} masks the password.
 *
 * @param host       the database host name or IP address
 * @param port       1 to 65535
 * @param username   the database role
 * @param password   its password
 * @param dbname     the database name
 * @param engine     {@code postgres} or {@code postgresql} (lower-cased; {@code postgres} when absent)
 * @param parameters settings in the URL vocabulary, e.g. {@code schema} or {@code connection_limit}
 *                   (immutable; its {@code toString()} masks secrets)
 */
public record DatabaseSecret(String host, int port, String username, String password, String dbname,
                             String engine, Map<String, String> parameters) {

    private static final String WHERE = "the secret";

    /**
     * Checks the document: every missing required field is named in one error, e.g.
     * {@code Secret is missing required fields: host, dbname}; never a value.
     *
     * @throws DatabaseConfigException when a field is missing or invalid
     */
    public DatabaseSecret {
        List<String> missing = new ArrayList<>();
        addIfBlank(missing, "host", host);
        addIfBlank(missing, "username", username);
        addIfBlank(missing, "password", password);
        addIfBlank(missing, "dbname", dbname);
        if (!missing.isEmpty()) {
            throw new DatabaseConfigException("Secret is missing required fields: " + String.join(", ", missing));
        }
        Hosts.normalize(host, WHERE);
        if (port < 1 || port > 65535) {
            throw new DatabaseConfigException("Secret field 'port' must be a number from 1 to 65535 (default 5432)");
        }
        engine = engine == null || engine.isBlank() ? "postgres" : engine.strip().toLowerCase(Locale.ROOT);
        if (!engine.equals("postgres") && !engine.equals("postgresql")) {
            throw new DatabaseConfigException("Secret field 'engine' names an unsupported engine: credpool connects"
                    + " to PostgreSQL only (engine \"postgres\" or \"postgresql\")");
        }
        parameters = RedactedMap.copyOf(parameters == null ? Map.of() : parameters);
        for (String key : parameters.keySet()) {
            if (!Keys.isSetting(key)) {
                throw new DatabaseConfigException("Secret parameter '" + key + "' is not a pool or driver key"
                        + " such as schema, sslmode or connection_limit");
            }
        }
    }

    /**
     * Reads a secret document.
     *
     * @throws DatabaseConfigException when the text is not a JSON object (the message gives an
     *                                 offset, never the text), or a field is missing or invalid
     */
    public static DatabaseSecret parse(String json) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(Objects.requireNonNull(json, "json"));
        } catch (JsonException e) {
            throw new DatabaseConfigException("Secret is not a valid JSON object (" + e.getMessage()
                    + "): store it as {\"host\": ..., \"port\": ..., \"username\": ..., \"password\": ..., \"dbname\": ...}");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : doc.entrySet()) { // no lambda: on the cold path to the first secret
            String key = member.getKey();
            Object value = member.getValue();
            if (Keys.isSetting(key) && value != null) {
                String text = scalar(key, value);
                if (!text.isBlank()) {
                    parameters.put(key, text);
                }
            }
        }
        return new DatabaseSecret(string(doc, "host"), port(doc.get("port")), string(doc, "username"),
                string(doc, "password"), string(doc, "dbname"), string(doc, "engine"), parameters);
    }

    /**
     * The configuration this secret describes, with pool defaults for secrets
     * ({@code connection_limit} 5, {@code pool_timeout} 20 s), then {@code DATABASE_<KEY>}
     * variables of {@code env}, then the secret's own {@link #parameters()}, each overriding the
     * one before.
     *
     * @throws DatabaseConfigException when a parameter or variable is invalid, naming it
     */
    public DatabaseConfig toConfig(Environment env) {
        return toConfig(env, PoolKeys.secretDefaults());
    }

    /**
     * The configuration this secret describes: {@code defaults}, then {@code DATABASE_<KEY>}
     * variables of {@code env}, then the secret's {@link #parameters()}.
     *
     * @throws DatabaseConfigException when a parameter or variable is invalid, naming it
     */
    public DatabaseConfig toConfig(Environment env, PoolSettings defaults) {
        Map<String, Setting> settings = new LinkedHashMap<>(Keys.fromEnvironment(env));
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            settings.put(parameter.getKey(), new Setting(parameter.getKey(), parameter.getValue(), Setting.Origin.SECRET));
        }
        return ConfigAssembler.assemble(Hosts.normalize(host, WHERE), port, dbname, Credentials.of(username, password),
                settings, Map.of(), Objects.requireNonNull(defaults, "defaults"));
    }

    /** Shows every field but the password, and parameters with secret values masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        parameters.forEach((k, v) -> shown.put(k, Redact.isSecretName(k) ? Redact.MASK : v));
        return "DatabaseSecret[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + Redact.MASK + ", dbname=" + dbname + ", engine=" + engine
                + ", parameters=" + shown + "]";
    }

    private static void addIfBlank(List<String> missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    private static String string(Map<String, Object> doc, String field) {
        Object value = doc.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new DatabaseConfigException("Secret field '" + field + "' must be a JSON string");
    }

    private static int port(Object value) {
        if (value == null) {
            return 5432;
        }
        if (value instanceof String) {
            return Values.port((String) value, WHERE);
        }
        if (value instanceof BigDecimal) {
            BigDecimal n = (BigDecimal) value;
            if (n.signum() > 0 && n.compareTo(BigDecimal.valueOf(65535)) <= 0 && n.stripTrailingZeros().scale() <= 0) {
                return n.intValueExact();
            }
        }
        throw new DatabaseConfigException("Secret field 'port' must be a number from 1 to 65535 (default 5432)");
    }

    private static String scalar(String key, Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal) {
            BigDecimal n = (BigDecimal) value;
            // toPlainString of 1e999999999 would be a billion digits: leave such numbers in E notation.
            return Math.abs(n.scale()) > 32 ? n.toString() : n.toPlainString();
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        throw new DatabaseConfigException("Secret field '" + key + "' must be a string, number or boolean");
    }
}
