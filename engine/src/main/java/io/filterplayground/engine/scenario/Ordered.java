package io.filterplayground.engine.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep the order the user wrote (and null values, unlike Map.copyOf). */
final class Ordered {
    private Ordered() {}

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
