package io.filterplayground.engine.trace;

import java.util.Map;

/**
 * The guest called the host. {@code parentSeq} is the seq of the callback it ran inside; {@code
 * result} is the status name ({@code Ok}, {@code NotFound}...). {@code hint} explains a surprising
 * but Envoy-faithful outcome in plain words, or is null.
 */
public record HostCallEvent(
        long seq,
        long parentSeq,
        long streamId,
        String thread,
        String filter,
        String vm,
        int contextId,
        String name,
        Map<String, Object> args,
        String result,
        String hint)
        implements TraceEvent {
    @Override
    public String kind() {
        return "hostcall";
    }
}
