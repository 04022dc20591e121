package io.filterplayground.engine.trace;

/**
 * A VM lifecycle step: {@code created}, {@code started}, {@code configured}, {@code failed}, {@code
 * reloaded}, {@code stopped}, and for the canary {@code canary-passed}.
 */
public record VmEvent(
        long seq,
        long streamId,
        String thread,
        String vm,
        String module,
        String state,
        String detail)
        implements TraceEvent {
    @Override
    public String kind() {
        return "vm";
    }
}
