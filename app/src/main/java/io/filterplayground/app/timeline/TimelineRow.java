package io.filterplayground.app.timeline;

/**
 * One line of the timeline: a callback in its filter's lane, a trap in its filter's lane, or a note
 * of the stream itself across all lanes (paused, resumed, local reply, upstream...). {@code lane}
 * is -1 for notes. {@code summary} says what a callback's arguments tell at a glance (a network
 * callback's {@code 6 B · eos} or {@code peer Remote}), or "".
 */
public record TimelineRow(
        Kind kind,
        long seq,
        int lane,
        String filter,
        String title,
        String action,
        Tone tone,
        String thread,
        String vm,
        int contextId,
        long durationNanos,
        int hostcalls,
        int logs,
        String detail,
        String summary) {

    public enum Kind {
        CALLBACK,
        TRAP,
        NOTE
    }

    /** {@code 0.84 ms} or {@code 73 µs}. */
    public String duration() {
        return formatNanos(durationNanos);
    }

    public static String formatNanos(long nanos) {
        if (nanos >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%d µs", Math.max(0, nanos / 1000));
    }
}
