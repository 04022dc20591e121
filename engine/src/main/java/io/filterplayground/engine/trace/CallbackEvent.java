package io.filterplayground.engine.trace;

import java.util.Map;

/**
 * The host called the guest ({@code proxy_on_*}), or a Lua or native filter ran one of its entry
 * points. {@code result} is the decoded return value ({@code Continue}, {@code Pause}, {@code
 * true}...), or {@code trap} when the call did not return.
 */
public record CallbackEvent(
        long seq,
        long streamId,
        String thread,
        String filter,
        String vm,
        int contextId,
        String name,
        Map<String, Object> args,
        String result,
        long durationNanos)
        implements TraceEvent {
    @Override
    public String kind() {
        return "callback";
    }
}
