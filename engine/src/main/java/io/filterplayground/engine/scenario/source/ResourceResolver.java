package io.filterplayground.engine.scenario.source;

import java.io.IOException;

/** Finds the files a scenario refers to (modules, Lua scripts), relative to the scenario. */
public interface ResourceResolver {
    /** The bytes of {@code ref}; throws with a plain message when it cannot be read. */
    byte[] read(String ref) throws IOException;

    /** A short name for traces ({@code add_header.wasm}). */
    default String displayName(String ref) {
        int slash = Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('\\'));
        int colon = ref.lastIndexOf(':');
        return ref.substring(Math.max(slash, colon) + 1);
    }
}
