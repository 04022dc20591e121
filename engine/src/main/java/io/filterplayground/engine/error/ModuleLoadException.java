package io.filterplayground.engine.error;

/** A {@code .wasm} file that cannot be used: unreadable, invalid, or not a Proxy-Wasm module. */
public class ModuleLoadException extends EngineException {
    public ModuleLoadException(String message) {
        super(message);
    }

    public ModuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
