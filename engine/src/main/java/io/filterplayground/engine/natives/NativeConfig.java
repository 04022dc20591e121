package io.filterplayground.engine.natives;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.scenario.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A native filter's {@code config:} map, read with plain-word errors. Every problem becomes a
 * {@link FilterStartException} naming the filter, its kind and the field, so a bad configuration
 * stops the scenario at start (Envoy rejects such a configuration too).
 */
public final class NativeConfig {
    private final String filter;
    private final String kind;
    private final String path;
    private final Map<String, Object> map;

    /** Reads {@code map}; keys outside {@code allowed} are an error. */
    public NativeConfig(String filter, String kind, Map<String, Object> map, String... allowed) {
        this(filter, kind, "config", map == null ? Map.of() : map, allowed);
    }

    private NativeConfig(
            String filter, String kind, String path, Map<String, Object> map, String[] allowed) {
        this.filter = filter;
        this.kind = kind;
        this.path = path;
        this.map = map;
        Set<String> known = new TreeSet<>(List.of(allowed));
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw error(
                        path
                                + "."
                                + key
                                + " is not a field of the "
                                + kind
                                + " filter (fields: "
                                + String.join(", ", known)
                                + ")");
            }
        }
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Set<String> keys() {
        return map.keySet();
    }

    /** A failure naming the filter and its kind; {@code what} says the problem in plain words. */
    public FilterStartException error(String what) {
        return new FilterStartException(filter + " (native " + kind + "): " + what);
    }

    private String at(String key) {
        return path + "." + key;
    }

    /** A scalar as text (numbers and booleans too), or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(at(key) + " must be a single value, not a map or a list");
        }
        return String.valueOf(v);
    }

    public String requiredString(String key) {
        String s = string(key, null);
        if (s == null || s.isEmpty()) {
            throw error(at(key) + " is required");
        }
        return s;
    }

    /** A whole number of at least {@code min}. */
    public long wholeNumber(String key, long fallback, long min) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw error(at(key) + " must be a whole number, got '" + v + "'");
            }
        }
        if (n < min) {
            throw error(at(key) + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw error(at(key) + " must be true or false, got '" + v + "'");
    }

    /** A duration written with a unit ({@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}). */
    public long durationMillis(String key, long fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        return Durations.millisWithUnit(String.valueOf(v))
                .orElseThrow(
                        () ->
                                error(
                                        at(key)
                                                + " must be a duration with a unit, like 1s or"
                                                + " 250ms, got '"
                                                + v
                                                + "'"));
    }

    /** One of {@code choices} (compared ignoring case); returns the choice as written there. */
    public String choice(String key, String fallback, String... choices) {
        String s = string(key, null);
        if (s == null) {
            return fallback;
        }
        for (String c : choices) {
            if (c.equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw error(
                at(key) + " must be one of " + String.join(", ", choices) + ", got '" + s + "'");
    }

    /** A map of header names to values; names are lower-cased. */
    public Map<String, String> stringMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(at(key) + " must be a map of name: value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object value = e.getValue();
            if (value == null || value instanceof Map || value instanceof List) {
                throw error(at(key) + "." + e.getKey() + " must be a single value");
            }
            out.put(String.valueOf(e.getKey()).toLowerCase(Locale.ROOT), String.valueOf(value));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A nested map, read with the same rules; an empty one when absent. */
    @SuppressWarnings("unchecked")
    public NativeConfig sub(String key, String... allowed) {
        Object v = map.get(key);
        if (v == null) {
            return new NativeConfig(filter, kind, at(key), Map.of(), allowed);
        }
        if (!(v instanceof Map)) {
            throw error(at(key) + " must be a map");
        }
        return new NativeConfig(filter, kind, at(key), (Map<String, Object>) v, allowed);
    }

    /** Nested maps under {@code key}: a map of name to map (e.g. named policies). */
    @SuppressWarnings("unchecked")
    public Map<String, NativeConfig> namedSubs(String key, String... allowed) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(at(key) + " must be a map of name: {...}");
        }
        Map<String, NativeConfig> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map)) {
                throw error(at(key) + "." + name + " must be a map");
            }
            out.put(
                    name,
                    new NativeConfig(
                            filter,
                            kind,
                            at(key) + "." + name,
                            (Map<String, Object>) e.getValue(),
                            allowed));
        }
        return out;
    }

    /** A list of maps under {@code key}. */
    @SuppressWarnings("unchecked")
    public List<NativeConfig> subList(String key, String... allowed) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw error(at(key) + " must be a list");
        }
        List<NativeConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw error(at(key) + "[" + i + "] must be a map");
            }
            out.add(
                    new NativeConfig(
                            filter,
                            kind,
                            at(key) + "[" + i + "]",
                            (Map<String, Object>) list.get(i),
                            allowed));
        }
        return out;
    }

    /** The raw value (a list, a map or a scalar), or null. */
    public Object raw(String key) {
        return map.get(key);
    }

    public String pathOf(String key) {
        return at(key);
    }
}
