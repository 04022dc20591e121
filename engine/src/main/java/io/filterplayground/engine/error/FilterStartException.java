package io.filterplayground.engine.error;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter could not start: its VM failed to initialise, or {@code proxy_on_vm_start} / {@code
 * proxy_on_configure} returned false or trapped. Envoy rejects such a configuration.
 *
 * <p>Besides the one-line message it carries why, as far as the guest said: its last output lines
 * before the failure (a Go module's {@code fatal error: ...} on stderr is the real reason behind an
 * {@code unreachable} trap) and the Wasm stack of the trap, and names the filter once known.
 */
public class FilterStartException extends EngineException {
    private final String filter;
    private final List<String> guestOutput;
    private final List<String> wasmStack;

    public FilterStartException(String message) {
        this(message, null, List.of(), List.of());
    }

    public FilterStartException(String message, List<String> guestOutput, List<String> wasmStack) {
        this(message, null, guestOutput, wasmStack);
    }

    private FilterStartException(
            String message, String filter, List<String> guestOutput, List<String> wasmStack) {
        super(message);
        this.filter = filter;
        this.guestOutput = List.copyOf(guestOutput);
        this.wasmStack = List.copyOf(wasmStack);
    }

    /**
     * The same failure attributed to the chain filter (or service) {@code name}: the message starts
     * with it, as every start failure's message does.
     */
    public FilterStartException forFilter(String name) {
        if (filter != null) {
            return this;
        }
        String m = getMessage();
        boolean named = m.startsWith(name + ": ") || m.startsWith(name + " (");
        FilterStartException e =
                new FilterStartException(named ? m : name + ": " + m, name, guestOutput, wasmStack);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The filter that failed, or null when not known (yet). */
    public String filter() {
        return filter;
    }

    /** The guest's last log and stdout/stderr lines before the failure, oldest first. */
    public List<String> guestOutput() {
        return guestOutput;
    }

    /** The Wasm functions running at the trap, innermost first (empty without a trap). */
    public List<String> wasmStack() {
        return wasmStack;
    }

    /**
     * The reason beyond the message, as lines for a terminal or a panel: the guest's last lines,
     * then the Wasm stack. Empty when there is neither.
     */
    public List<String> details() {
        List<String> out = new ArrayList<>();
        if (!guestOutput.isEmpty()) {
            out.add("The guest's last lines:");
            guestOutput.forEach(l -> out.add("  " + l));
        }
        if (!wasmStack.isEmpty()) {
            out.add("Wasm stack (innermost first):");
            wasmStack.forEach(f -> out.add("  " + f));
        }
        return out;
    }
}
