package io.filterplayground.engine.lua;

/**
 * Unwinds a script that has finished early: after {@code handle:respond()} ("once we respond we
 * treat that as the end of the script even if there is more code") or when a suspended handler is
 * abandoned. An {@link Error}, so that a {@code pcall} in the script cannot catch it.
 */
final class ScriptEnd extends Error {
    private static final long serialVersionUID = 1L;

    static final ScriptEnd INSTANCE = new ScriptEnd();

    private ScriptEnd() {
        super("the script ended", null, false, false);
    }
}
