package io.filterplayground.app.diff;

import io.filterplayground.engine.trace.StageEvent;
import java.util.List;

/**
 * What one filter did at one stage of a stream: its header (or trailer) changes, or its body (a TCP
 * connection's bytes) before and after, and the status it returned.
 */
public record StageDiff(
        long seq,
        String filter,
        int filterIndex,
        StageEvent.Stage stage,
        String status,
        boolean endOfStream,
        List<HeaderChange> headers,
        byte[] bodyBefore,
        byte[] bodyAfter) {

    public boolean isBody() {
        return stage.isBody();
    }

    public long count(HeaderChange.Change c) {
        return headers.stream().filter(h -> h.change() == c).count();
    }

    public boolean bodyChanged() {
        return isBody() && !java.util.Arrays.equals(bodyBefore, bodyAfter);
    }

    public boolean changed() {
        return bodyChanged()
                || headers.stream().anyMatch(h -> h.change() != HeaderChange.Change.SAME);
    }

    /**
     * {@code +1 ~0 -0} for headers, {@code body changed} / {@code no change} for bodies, {@code 5 →
     * 7 bytes} for a connection's bytes.
     */
    public String summary() {
        if (stage.isNetwork()) {
            int before = bodyBefore == null ? 0 : bodyBefore.length;
            int after = bodyAfter == null ? 0 : bodyAfter.length;
            return !bodyChanged()
                    ? before + " byte(s), no change"
                    : before + " → " + after + " byte(s)";
        }
        if (isBody()) {
            return bodyChanged() ? "body changed" : "no change";
        }
        return counts(
                count(HeaderChange.Change.ADDED),
                count(HeaderChange.Change.CHANGED),
                count(HeaderChange.Change.REMOVED),
                "no change");
    }

    /** {@code +1 ~2 −1}, leaving out the zeros; {@code none} when all are. */
    public static String counts(long added, long changed, long removed, String none) {
        StringBuilder sb = new StringBuilder();
        if (added > 0) {
            sb.append('+').append(added).append(' ');
        }
        if (changed > 0) {
            sb.append('~').append(changed).append(' ');
        }
        if (removed > 0) {
            sb.append('−').append(removed);
        }
        return sb.length() == 0 ? none : sb.toString().strip();
    }
}
