package io.filterplayground.engine.report.change;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values keyed by what they are and their occurrence ({@code deny|proxy_on_request_headers#2}), so
 * two runs line up even when one has an extra callback in the middle, and the comparison of two
 * such maps into changes.
 */
final class Keyed {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();

    /** Where and what a keyed value is about, for the change it may become. */
    record Entry(String where, String what, String value) {}

    /** Adds a value under {@code key}, numbered by how often the key came before. */
    void add(String key, String where, String what, String value) {
        int n = seen.merge(key, 1, Integer::sum);
        entries.put(key + "#" + n, new Entry(where, what, value));
    }

    /** What differs from {@code earlier} to this: changed values, new and missing entries. */
    void compareTo(Keyed earlier, Change.Area area, List<Change> out) {
        Map<String, Entry> before = earlier.entries;
        Map<String, Entry> after = entries;
        for (Map.Entry<String, Entry> e : after.entrySet()) {
            Entry b = before.get(e.getKey());
            Entry a = e.getValue();
            if (b == null) {
                out.add(new Change(area, a.where(), a.what(), null, a.value()));
            } else if (!b.value().equals(a.value())) {
                out.add(new Change(area, a.where(), a.what(), b.value(), a.value()));
            }
        }
        for (Map.Entry<String, Entry> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                Entry b = e.getValue();
                out.add(new Change(area, b.where(), b.what(), b.value(), null));
            }
        }
    }
}
