package io.filterplayground.app.logs;

import io.filterplayground.engine.abi.LogLevel;

/** A log line as the logs view lists it. */
public record LogLine(
        long seq,
        LogLevel level,
        String thread,
        String filter,
        String vm,
        String message,
        boolean suppressed,
        long streamId) {}
