package io.filterplayground.engine.trace;

/**
 * A step of the HTTP stream itself, outside any filter: {@code request} (arrived), {@code
 * upstream_request}, {@code upstream_response}, {@code local_reply}, {@code reset}, {@code paused},
 * {@code resumed}, {@code skipped} (a callback that did not run, and why), {@code complete}.
 */
public record StreamEvent(
        long seq, long streamId, String thread, String what, String filter, String detail)
        implements TraceEvent {
    @Override
    public String kind() {
        return "stream";
    }
}
