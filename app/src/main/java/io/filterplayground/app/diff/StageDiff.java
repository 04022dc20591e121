package io.filterplayground.app.diff;

import io.filterplayground.engine.trace.StageEvent;
import java.util.List;

/**
 * What one filter did at one stage of a stream: its header (or trailer) changes, or its body before
 * and after, and the status it returned.
 */
public record StageDiff(
        long seq,
        String filter,
        int filterIndex,
        StageEvent.Stage stage,
        String status,
        boolean endOfStream,
        List<HeaderChange> headers,
        String bodyBefore,
        String bodyAfter) {

    public boolean isBody() {
        return stage.isBody();
    }

    public long count(HeaderChange.Change c) {
        return headers.stream().filter(h -> h.change() == c).count();
    }

    public boolean bodyChanged() {
        return isBody() && !java.util.Objects.equals(bodyBefore, bodyAfter);
    }

    public boolean changed() {
        return bodyChanged()
                || headers.stream().anyMatch(h -> h.change() != HeaderChange.Change.SAME);
    }

    /** {@code +1 ~0 -0} for headers, {@code body changed} / {@code body same} for bodies. */
    public String summary() {
        if (isBody()) {
            return bodyChanged() ? "body changed" : "no change";
        }
        StringBuilder sb = new StringBuilder();
        long added = count(HeaderChange.Change.ADDED);
        long changed = count(HeaderChange.Change.CHANGED);
        long removed = count(HeaderChange.Change.REMOVED);
        if (added > 0) {
            sb.append('+').append(added).append(' ');
        }
        if (changed > 0) {
            sb.append('~').append(changed).append(' ');
        }
        if (removed > 0) {
            sb.append('−').append(removed);
        }
        return sb.length() == 0 ? "no change" : sb.toString().strip();
    }
}
