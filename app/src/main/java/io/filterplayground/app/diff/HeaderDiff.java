package io.filterplayground.app.diff;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diffs header multimaps and collects the stage diffs of an exchange. Repeated headers are matched
 * by name and position among entries of that name, so {@code set-cookie} twice stays two rows.
 */
public final class HeaderDiff {
    private HeaderDiff() {}

    public static List<HeaderChange> diff(Headers before, Headers after) {
        Map<String, List<String>> b = group(before);
        Map<String, List<String>> a = group(after);
        List<String> names = new ArrayList<>(b.keySet());
        for (String n : a.keySet()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        List<HeaderChange> out = new ArrayList<>();
        for (String n : names) {
            List<String> bv = b.getOrDefault(n, List.of());
            List<String> av = a.getOrDefault(n, List.of());
            for (int i = 0; i < Math.max(bv.size(), av.size()); i++) {
                String x = i < bv.size() ? bv.get(i) : null;
                String y = i < av.size() ? av.get(i) : null;
                HeaderChange.Change c =
                        x == null
                                ? HeaderChange.Change.ADDED
                                : y == null
                                        ? HeaderChange.Change.REMOVED
                                        : x.equals(y)
                                                ? HeaderChange.Change.SAME
                                                : HeaderChange.Change.CHANGED;
                out.add(new HeaderChange(n, x, y, c));
            }
        }
        return out;
    }

    private static Map<String, List<String>> group(Headers h) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (h != null) {
            for (Header e : h) {
                m.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e.value());
            }
        }
        return m;
    }

    /** Every stage of a stream or connection's events, in the order the filters met them. */
    public static List<StageDiff> stages(List<TraceEvent> events) {
        List<StageDiff> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof StageEvent s) {
                out.add(
                        new StageDiff(
                                s.seq(),
                                s.filter(),
                                s.filterIndex(),
                                s.stage(),
                                s.status(),
                                s.endOfStream(),
                                s.stage().isBody() ? List.of() : diff(s.before(), s.after()),
                                s.bodyBefore(),
                                s.bodyAfter()));
            }
        }
        return out;
    }
}
