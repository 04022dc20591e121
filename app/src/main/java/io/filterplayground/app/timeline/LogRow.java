package io.filterplayground.app.timeline;

/** A log line written inside a callback; {@code suppressed}: below the host's log level. */
public record LogRow(long seq, String level, String message, boolean suppressed) {}
