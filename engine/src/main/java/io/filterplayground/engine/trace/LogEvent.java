package io.filterplayground.engine.trace;

import io.filterplayground.engine.abi.LogLevel;

/**
 * A log line written by a filter ({@code proxy_log}, WASI stdout/stderr, Lua {@code handle:log*}, a
 * native filter). {@code suppressed} lines were below the host's log level: Envoy drops them, the
 * playground keeps them visible but out of {@code logs}.
 */
public record LogEvent(
        long seq,
        long parentSeq,
        long streamId,
        String thread,
        String filter,
        String vm,
        int contextId,
        LogLevel level,
        String message,
        boolean suppressed)
        implements TraceEvent {
    @Override
    public String kind() {
        return "log";
    }
}
