package io.credpool.internal.config;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable, ordered {@code Map<String, String>} whose {@link #toString()} masks secrets, for
 * maps handed to users (driver properties, {@code .env} variables): jshell echoes them. Values of
 * secret-named keys ({@link Redact#isSecretName}) show as {@code ****}; URLs show with their
 * password masked. Equality is that of any map.
 */
public final class RedactedMap extends AbstractMap<String, String> {

    private final Map<String, String> map;

    private RedactedMap(Map<String, String> map) {
        this.map = map;
    }

    /** An immutable copy of {@code source} in its iteration order; null keys or values are rejected. */
    public static Map<String, String> copyOf(Map<String, String> source) {
        if (source instanceof RedactedMap) {
            return source;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : source.entrySet()) { // no lambda: on the cold path to the first secret
            copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
        }
        return new RedactedMap(Collections.unmodifiableMap(copy));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return map.entrySet();
    }

    @Override
    public String get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public String toString() {
        return map.entrySet().stream()
                .map(e -> e.getKey() + "=" + (Redact.isSecretName(e.getKey()) ? Redact.MASK
                        : e.getValue().contains("://") ? Redact.url(e.getValue()) : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
