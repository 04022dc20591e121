package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.LogLevel;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a VM's guest wrote (proxy_log, stdout, stderr) at or above the host's log level,
 * so a failed start can say what the guest said just before: Go's runtime, for one, explains an
 * {@code unreachable} trap only on stderr.
 */
final class GuestOutput {
    private static final int KEEP = 10;
    private static final int MAX_CHARS = 500;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

    void add(LogLevel level, String message) {
        if (lines.size() == KEEP) {
            lines.removeFirst();
        }
        String text =
                message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) + "…" : message;
        lines.addLast("[" + level.displayName() + "] " + text);
    }

    void clear() {
        lines.clear();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
