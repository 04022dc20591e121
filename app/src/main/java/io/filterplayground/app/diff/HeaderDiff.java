package io.filterplayground.app.diff;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.report.change.HeaderEdits;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Diffs header multimaps (as {@link HeaderEdits} compares them for the change view: repeated
 * headers matched by name and position, so {@code set-cookie} twice stays two rows) and collects
 * the stage diffs of an exchange.
 */
public final class HeaderDiff {
    private HeaderDiff() {}

    public static List<HeaderChange> diff(Headers before, Headers after) {
        List<HeaderChange> out = new ArrayList<>();
        for (HeaderEdits.Entry e : HeaderEdits.compare(pairs(before), pairs(after))) {
            HeaderChange.Change c =
                    e.before() == null
                            ? HeaderChange.Change.ADDED
                            : e.after() == null
                                    ? HeaderChange.Change.REMOVED
                                    : e.same()
                                            ? HeaderChange.Change.SAME
                                            : HeaderChange.Change.CHANGED;
            out.add(new HeaderChange(e.name(), e.before(), e.after(), c));
        }
        return out;
    }

    private static List<String[]> pairs(Headers h) {
        List<String[]> out = new ArrayList<>();
        if (h != null) {
            for (Header e : h) {
                out.add(new String[] {e.name(), e.value()});
            }
        }
        return out;
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
