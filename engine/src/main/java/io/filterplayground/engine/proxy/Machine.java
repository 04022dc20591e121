package io.filterplayground.engine.proxy;

import java.util.Locale;

/** How Chicory runs guest code. */
public enum Machine {
    /** Chicory's compiler: Wasm functions become JVM bytecode, compiled once per module. */
    COMPILED,
    /** Chicory's interpreter: slower, no compile step (what a step debugger needs). */
    INTERPRETER;

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Machine parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "compiled":
            case "compiler":
                return COMPILED;
            case "interpreter":
            case "interpreted":
                return INTERPRETER;
            default:
                throw new IllegalArgumentException(
                        "unknown machine '" + text + "' (compiled or interpreter)");
        }
    }
}
