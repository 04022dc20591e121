package io.filterplayground.engine.state;

import io.filterplayground.engine.http.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Property values from the scenario ({@code properties:}), as a tree walked one path segment at a
 * time, plus Envoy's value encoding ({@code serializeValue}, docs/abi-notes.md): strings raw,
 * integers 8-byte little-endian, doubles 8-byte IEEE, booleans one byte, maps and lists as
 * serialized pairs.
 */
public final class Properties {
    /** Marks "no such property", distinct from a null value. */
    public static final Object MISSING = new Object();

    private final Map<String, Object> tree;

    public Properties(Map<String, Object> scenarioProperties) {
        this.tree = normalise(scenarioProperties);
    }

    public Map<String, Object> tree() {
        return tree;
    }

    /** Walks the scenario tree; {@link #MISSING} when a segment does not exist. */
    public Object lookup(List<String> path) {
        return walk(tree, path, 0);
    }

    /** Walks maps by key and lists by decimal index from {@code from}. */
    public static Object walk(Object node, List<String> path, int from) {
        Object at = node;
        for (int i = from; i < path.size(); i++) {
            String seg = path.get(i);
            if (at instanceof Map<?, ?> m) {
                if (!m.containsKey(seg)) {
                    return MISSING;
                }
                at = m.get(seg);
            } else if (at instanceof List<?> l) {
                try {
                    int idx = Integer.parseInt(seg);
                    if (idx < 0 || idx >= l.size()) {
                        return MISSING;
                    }
                    at = l.get(idx);
                } catch (NumberFormatException e) {
                    return MISSING;
                }
            } else {
                return MISSING;
            }
        }
        return at;
    }

    /** Envoy's serialisation of a value; null for a type it cannot serialise. */
    public static byte[] encode(Object v) {
        if (v == null) {
            return new byte[0];
        }
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Boolean b) {
            return new byte[] {(byte) (b ? 1 : 0)};
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(((Number) v).longValue())
                    .array();
        }
        if (v instanceof Number n) {
            return ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putDouble(n.doubleValue())
                    .array();
        }
        if (v instanceof Map<?, ?> m) {
            List<byte[][]> pairs = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                byte[] val = encode(e.getValue());
                if (val == null) {
                    return null;
                }
                pairs.add(
                        new byte[][] {
                            String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8), val
                        });
            }
            return Pairs.serializeBytes(pairs);
        }
        if (v instanceof List<?> l) {
            List<byte[][]> pairs = new ArrayList<>();
            for (Object item : l) {
                byte[] val = encode(item);
                if (val == null) {
                    return null;
                }
                pairs.add(new byte[][] {val, new byte[0]});
            }
            return Pairs.serializeBytes(pairs);
        }
        return null;
    }

    /** Header lists as an Envoy map value (a {@code headers} property). */
    public static Map<String, Object> headerMap(List<Header> headers) {
        // CEL's view of headers: lower-case keys, repeated values joined with a comma.
        Map<String, Object> m = new LinkedHashMap<>();
        for (Header h : headers) {
            m.merge(h.name(), h.value(), (a, b) -> a + "," + b);
        }
        return m;
    }

    /** Splits top-level keys with dots into nested maps; deeper keys keep their dots. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> at = out;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = at.get(parts[i]);
                if (!(next instanceof Map)) {
                    next = new LinkedHashMap<String, Object>();
                    at.put(parts[i], next);
                }
                at = (Map<String, Object>) next;
            }
            String last = parts[parts.length - 1];
            Object existing = at.get(last);
            if (existing instanceof Map && e.getValue() instanceof Map) {
                ((Map<String, Object>) existing).putAll((Map<String, Object>) e.getValue());
            } else {
                at.put(last, e.getValue());
            }
        }
        return out;
    }
}
