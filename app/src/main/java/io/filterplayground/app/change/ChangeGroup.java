package io.filterplayground.app.change;

import io.filterplayground.app.diff.StageDiff;
import io.filterplayground.engine.report.change.Change;
import io.filterplayground.engine.trace.StageEvent;
import java.util.List;

/**
 * The changes of one request at one place, as the change view lists them: its outcome (response,
 * upstream request, connection), one filter stage (laid out as the header diff lays out stages), or
 * one filter's callbacks, hostcalls, logs or time.
 */
public record ChangeGroup(String item, Change.Area area, String where, List<Change> changes) {

    /** The stage a STAGE group is about ({@code deny · request_headers}), or null. */
    public StageEvent.Stage stage() {
        int dot = where.lastIndexOf(" · ");
        return area == Change.Area.STAGE && dot >= 0
                ? StageEvent.Stage.of(where.substring(dot + 3))
                : null;
    }

    /** The filter it concerns, or empty for the request's outcome. */
    public String filter() {
        int dot = where.lastIndexOf(" · ");
        return area == Change.Area.STAGE && dot >= 0 ? where.substring(0, dot) : where;
    }

    /** {@code +1 ~2 −1}: what appeared, changed and disappeared. */
    public String summary() {
        long added = changes.stream().filter(c -> c.mark() == Change.Mark.ADDED).count();
        long changed = changes.stream().filter(c -> c.mark() == Change.Mark.CHANGED).count();
        long removed = changes.stream().filter(c -> c.mark() == Change.Mark.REMOVED).count();
        return StageDiff.counts(added, changed, removed, "");
    }
}
