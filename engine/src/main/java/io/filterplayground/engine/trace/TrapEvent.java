package io.filterplayground.engine.trace;

import java.util.List;

/**
 * A guest call that did not return: a Wasm trap, a watchdog interrupt, a Lua runtime error. {@code
 * effect} says what the failure policy did about it, in plain words.
 */
public record TrapEvent(
        long seq,
        long streamId,
        String thread,
        String filter,
        String vm,
        int contextId,
        String callback,
        String message,
        List<String> stack,
        String policy,
        String effect)
        implements TraceEvent {
    @Override
    public String kind() {
        return "trap";
    }
}
