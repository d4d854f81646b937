package io.credpool.spring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Spring's {@code Environment} as the variables of a credpool {@link io.credpool.Environment}:
 * every property Spring can list (process environment, system properties, {@code application.yml}
 * of the active profiles, command-line arguments), each with the value Spring resolves for it, so
 * {@code DATABASE_URL}, {@code AWS_SECRET_NAME} and {@code APP_ENV} mean what they mean without
 * Spring. On top: {@code spring.datasource.url} (with its username and password) as
 * {@code DATABASE_URL}, and {@code credpool.provider} / {@code credpool.jmx} as
 * {@code CREDPOOL_PROVIDER} / {@code CREDPOOL_JMX}.
 */
final class SpringVariables {

    private SpringVariables() {
    }

    static io.credpool.Environment of(ConfigurableEnvironment spring, CredpoolProperties properties) {
        Map<String, String> variables = new TreeMap<>();
        for (PropertySource<?> source : spring.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (!variables.containsKey(name)) {
                        String value = resolved(spring, name);
                        if (value != null) {
                            variables.put(name, value);
                        }
                    }
                }
            }
        }
        String url = resolved(spring, "spring.datasource.url");
        if (url != null && !url.isBlank()) {
            variables.put("DATABASE_URL", withLogin(url, resolved(spring, "spring.datasource.username"),
                    resolved(spring, "spring.datasource.password")));
        }
        if (properties.getProvider() != null) {
            variables.put("CREDPOOL_PROVIDER", properties.getProvider());
        }
        if (properties.getJmx() != null) {
            variables.put("CREDPOOL_JMX", properties.getJmx().toString());
        }
        return io.credpool.Environment.of(variables);
    }

    /** The value Spring gives {@code name}; null when it has none or it cannot be resolved. */
    private static String resolved(ConfigurableEnvironment spring, String name) {
        try {
            return spring.getProperty(name);
        } catch (RuntimeException unresolvable) {
            // An unresolvable placeholder or conversion in a property credpool may not even read.
            return null;
        }
    }

    /** {@code url} with {@code user} and {@code password} as query parameters, which credpool moves to the credentials. */
    static String withLogin(String url, String user, String password) {
        StringBuilder b = new StringBuilder(url);
        char separator = url.indexOf('?') < 0 ? '?' : '&';
        if (user != null && !user.isEmpty()) {
            b.append(separator).append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            separator = '&';
        }
        if (password != null && !password.isEmpty()) {
            b.append(separator).append("password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
