package io.filterplayground.engine.scenario.file;

import java.util.HashMap;
import java.util.Map;

/** What the sections of one map have read, until the model record is built from it. */
final class Draft {
    private final Map<Slot<?>, Object> values = new HashMap<>();

    <V> void put(Slot<V> slot, V value) {
        values.put(slot, value);
    }

    boolean has(Slot<?> slot) {
        return values.containsKey(slot);
    }

    /** The value read, or the slot's default when the file left it out. */
    @SuppressWarnings("unchecked")
    <V> V get(Slot<V> slot) {
        return values.containsKey(slot) ? (V) values.get(slot) : slot.absent();
    }

    @SuppressWarnings("unchecked")
    <V> V getOr(Slot<V> slot, V absent) {
        return values.containsKey(slot) ? (V) values.get(slot) : absent;
    }
}
