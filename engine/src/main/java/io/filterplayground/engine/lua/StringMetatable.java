package io.filterplayground.engine.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The metatable of every Lua string. LuaJ keeps it in one static field for the whole JVM, so left
 * as LuaJ sets it up ({@code {__index = string}} of the first state ever made) a script could
 * change string methods for every other filter and worker ({@code getmetatable("").__index.upper =
 * ...}). Here it is out of the scripts' reach ({@code getmetatable("")} answers {@code "string"},
 * so it cannot be indexed nor {@code rawset}) and its {@code __index} looks the method up in the
 * {@code string} table of the Lua state running on this thread: {@code function string.trim(s)}
 * followed by {@code s:trim()} works as in Lua, within that state only.
 */
final class StringMetatable {
    private static final ThreadLocal<LuaValue> STRINGS = new ThreadLocal<>();

    private static final LuaTable METATABLE = new LuaTable();

    static {
        METATABLE.rawset(
                LuaValue.INDEX,
                new TwoArgFunction() {
                    @Override
                    public LuaValue call(LuaValue self, LuaValue key) {
                        LuaValue strings = STRINGS.get();
                        return strings == null ? NIL : strings.get(key);
                    }
                });
        METATABLE.rawset(LuaValue.METATABLE, LuaValue.valueOf("string"));
    }

    private StringMetatable() {}

    /** Puts the shared metatable in place (again, should anything have replaced it). */
    static void install() {
        LuaString.s_metatable = METATABLE;
    }

    /**
     * Makes {@code strings} the {@code string} table string methods use on this thread; returns the
     * one it replaces, for {@link #restore}.
     */
    static LuaValue bind(LuaValue strings) {
        LuaValue previous = STRINGS.get();
        STRINGS.set(strings);
        return previous;
    }

    static void restore(LuaValue previous) {
        if (previous == null) {
            STRINGS.remove();
        } else {
            STRINGS.set(previous);
        }
    }
}
