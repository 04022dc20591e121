package io.filterplayground.engine.error;

import java.util.List;

/** A guest call that trapped (or was stopped by the watchdog). Handled by failure policies. */
public class FilterTrapException extends EngineException {
    private final List<String> wasmStack;

    public FilterTrapException(String message, List<String> wasmStack, Throwable cause) {
        super(message, cause);
        this.wasmStack = List.copyOf(wasmStack);
    }

    public List<String> wasmStack() {
        return wasmStack;
    }
}
