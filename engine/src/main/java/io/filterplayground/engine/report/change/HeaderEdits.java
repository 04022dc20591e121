package io.filterplayground.engine.report.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two header lists ({@code [name, value]} pairs in order). Repeated headers are matched by
 * name and position among entries of that name, so {@code set-cookie} twice stays two entries.
 */
public final class HeaderEdits {
    private HeaderEdits() {}

    /** One header entry across the two lists: {@code before} or {@code after} null when absent. */
    public record Entry(String name, String before, String after) {
        public boolean same() {
            return before != null && before.equals(after);
        }
    }

    /** Every entry of both lists, names in first-seen order, unchanged ones included. */
    public static List<Entry> compare(List<String[]> before, List<String[]> after) {
        Map<String, List<String>> b = group(before);
        Map<String, List<String>> a = group(after);
        List<String> names = new ArrayList<>(b.keySet());
        for (String n : a.keySet()) {
            if (!b.containsKey(n)) {
                names.add(n);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (String n : names) {
            List<String> bv = b.getOrDefault(n, List.of());
            List<String> av = a.getOrDefault(n, List.of());
            for (int i = 0; i < Math.max(bv.size(), av.size()); i++) {
                out.add(
                        new Entry(
                                n,
                                i < bv.size() ? bv.get(i) : null,
                                i < av.size() ? av.get(i) : null));
            }
        }
        return out;
    }

    private static Map<String, List<String>> group(List<String[]> pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String[] p : pairs) {
            m.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        return m;
    }
}
