package io.filterplayground.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.Durations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one map in a lesson file, read by name with their types checked; every problem is a
 * {@link LessonException} naming where it is ({@code lesson.md: step 2: check[0].response.status: a
 * number is expected}). {@link #done()} refuses the fields nobody asked for, so a typo is an error
 * rather than a goal that is silently always met.
 */
final class Fields {
    private final JsonNode node;
    private final String where;
    private final Set<String> asked = new LinkedHashSet<>();

    Fields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw bad(where, "a map of fields is expected");
        }
        this.node = node;
        this.where = where;
    }

    String where() {
        return where;
    }

    /** The one key of a map such as {@code {response: {...}}}. */
    String onlyKey() {
        if (node.size() != 1) {
            throw bad(where, "exactly one key is expected, found " + node.size());
        }
        return node.fieldNames().next();
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    String text(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw bad(path(name), "a text value is expected");
        }
        return v.asText();
    }

    String requiredText(String name) {
        String t = text(name);
        if (t == null || t.isBlank()) {
            throw bad(path(name), "is required");
        }
        return t;
    }

    Integer integer(String name, int min, int max) {
        asked.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw bad(path(name), "a whole number from " + min + " to " + max + " is expected");
        }
        return v.asInt();
    }

    Boolean bool(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw bad(path(name), "true or false is expected");
        }
        return v.asBoolean();
    }

    /** A duration such as {@code 1s} or {@code 250ms} (a bare number is milliseconds). */
    Long millis(String name) {
        String t = text(name);
        if (t == null) {
            return null;
        }
        return Durations.millis(t).stream()
                .boxed()
                .findFirst()
                .orElseThrow(() -> bad(path(name), "a duration such as 1s or 250ms is expected"));
    }

    /** A map of text to text ({@code {x-user: mallory}}). */
    Map<String, String> textMap(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw bad(path(name), "a map of names to values is expected");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw bad(path(name) + "." + e.getKey(), "a text value is expected");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** A list of text values. */
    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : list(name)) {
            if (!v.isValueNode()) {
                throw bad(path(name) + "[" + i + "]", "a text value is expected");
            }
            out.add(v.asText());
            i++;
        }
        return out;
    }

    /** A list; a single value stands for a list of one. */
    List<JsonNode> list(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    /** The raw value: configurations are text or YAML sent as JSON, as in scenarios. */
    JsonNode raw(String name) {
        asked.add(name);
        return node.get(name);
    }

    Fields child(String name) {
        asked.add(name);
        return new Fields(node.get(name), path(name));
    }

    String path(String name) {
        return where.endsWith(":") ? where + " " + name : where + "." + name;
    }

    /** Refuses fields that were not asked for, naming what is allowed. */
    void done() {
        List<String> unknown = new ArrayList<>();
        node.fieldNames()
                .forEachRemaining(
                        n -> {
                            if (!asked.contains(n)) {
                                unknown.add(n);
                            }
                        });
        if (!unknown.isEmpty()) {
            throw bad(
                    path(unknown.get(0)),
                    "unknown field (known here: " + String.join(", ", asked) + ")");
        }
    }

    static LessonException bad(String where, String problem) {
        return new LessonException(where + ": " + problem);
    }
}
