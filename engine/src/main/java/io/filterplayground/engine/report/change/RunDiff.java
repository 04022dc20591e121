package io.filterplayground.engine.report.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.RunResultJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two runs of a scenario, compared on the {@code run --json} result (so a live
 * run and two saved files go through the same rules). Requests and connections are matched by name
 * and occurrence (the second {@code alice} with the second {@code alice}); each pair is compared by
 * {@link ItemDiff}; one only a run has is new or missing.
 */
public final class RunDiff {
    private RunDiff() {}

    /** Two runs as they happened. */
    public static RunChanges compare(RunResult before, RunResult after, Thresholds t) {
        return compare(RunResultJson.of(before), RunResultJson.of(after), t);
    }

    /** Two {@code run --json} documents. */
    public static RunChanges compare(JsonNode before, JsonNode after, Thresholds t) {
        List<ItemChanges> items = new ArrayList<>();
        items(before.get("requests"), after.get("requests"), false, t, items);
        items(before.get("connections"), after.get("connections"), true, t, items);
        return new RunChanges(items);
    }

    private static void items(
            JsonNode before,
            JsonNode after,
            boolean connections,
            Thresholds t,
            List<ItemChanges> out) {
        Map<String, JsonNode> earlier = byKey(before);
        Map<String, JsonNode> later = byKey(after);
        for (Map.Entry<String, JsonNode> e : later.entrySet()) {
            JsonNode a = e.getValue();
            JsonNode b = earlier.get(e.getKey());
            List<Change> changes =
                    b == null
                            ? List.of(presence(null, "ran"))
                            : connections
                                    ? ItemDiff.connection(b, a, t)
                                    : ItemDiff.request(b, a, t);
            out.add(item(connections, a, changes));
        }
        for (Map.Entry<String, JsonNode> e : earlier.entrySet()) {
            if (!later.containsKey(e.getKey())) {
                out.add(item(connections, e.getValue(), List.of(presence("ran", null))));
            }
        }
    }

    private static ItemChanges item(boolean connection, JsonNode o, List<Change> changes) {
        return new ItemChanges(
                connection, o.path("name").asText(), o.path("index").asInt(), changes);
    }

    private static Change presence(String before, String after) {
        return new Change(Change.Area.PRESENCE, "", "in this run", before, after);
    }

    /** {@code name#occurrence} to the item, in the run's order. */
    private static Map<String, JsonNode> byKey(JsonNode items) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        if (items != null && items.isArray()) {
            for (JsonNode o : items) {
                String name = o.path("name").asText();
                out.put(name + "#" + seen.merge(name, 1, Integer::sum), o);
            }
        }
        return out;
    }
}
