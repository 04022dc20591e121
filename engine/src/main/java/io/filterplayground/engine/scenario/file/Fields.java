package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.error.ScenarioException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A map of the file being read, and where it is ({@code filters[1]}; empty for the top level). */
record Fields(JsonNode node, String at, Reading reading) {

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    /** Where {@code key} of this map is, for messages. */
    String path(String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    <V> V read(String key, Value<V> value) {
        return value.read(node.get(key), path(key), reading);
    }

    /** The problem of this map as a whole. */
    ScenarioException error(String problem) {
        return reading.error(at, problem);
    }

    ScenarioException error(String key, String problem) {
        return reading.error(path(key), problem);
    }

    /** The entries listed under {@code key} (none when it is absent), each where it is. */
    List<Fields> list(String key, String notAList) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw error(key, notAList);
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(new Fields(n.get(i), path(key) + "[" + i + "]", reading));
        }
        return out;
    }

    /** This entry as a map; {@code problem} says what it should be when it is something else. */
    Fields requireMap(String problem) {
        if (node == null || !node.isObject()) {
            throw error(problem);
        }
        return this;
    }

    /** Refuses a key outside {@code keys}, listing them in their order. */
    void allow(List<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!keys.contains(f)) {
                throw error(f, "unknown field (expected one of " + String.join(", ", keys) + ")");
            }
        }
    }
}
