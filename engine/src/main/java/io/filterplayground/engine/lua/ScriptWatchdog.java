package io.filterplayground.engine.lua;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Stops a script that runs too long. LuaJ never looks at thread interrupts, so the playground's
 * watchdog cannot stop a Lua loop the way it stops a Wasm guest; instead this instruction hook (set
 * as the globals' {@code debuglib}, which LuaJ's interpreter calls before every instruction of a
 * function whose environment is those globals; the {@code debug} library itself is never loaded)
 * compares the clock with the deadline every {@value #CHECK_EVERY} instructions and raises the Lua
 * error {@code script timeout: <limit> ms}. Once fired it raises on every instruction, so a script
 * cannot swallow the error with {@code pcall} and loop on.
 *
 * <p>It keeps no call stack (the {@code debug} library is not offered to scripts), which keeps the
 * per-instruction cost to a counter decrement. One per Lua state; the worker and the state's
 * coroutine threads take turns with it, never at once.
 */
final class ScriptWatchdog extends DebugLib {
    static final int CHECK_EVERY = 1024;

    private final long limitMillis;
    private volatile long deadline;
    private int countdown = CHECK_EVERY;
    private boolean fired;

    ScriptWatchdog(long limitMillis) {
        this.limitMillis = limitMillis;
    }

    long limitMillis() {
        return limitMillis;
    }

    /** Starts timing a call into the script (a handler, a resume, the chunk at load). */
    void arm() {
        fired = false;
        countdown = CHECK_EVERY;
        deadline = System.nanoTime() + limitMillis * 1_000_000L;
    }

    void disarm() {
        deadline = 0;
        fired = false;
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (--countdown > 0) {
            return;
        }
        long d = deadline;
        if (d != 0 && (fired || System.nanoTime() - d > 0)) {
            fired = true;
            countdown = 1;
            throw new LuaError("script timeout: " + limitMillis + " ms");
        }
        countdown = CHECK_EVERY;
    }

    @Override
    public void onCall(LuaFunction f) {}

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {}

    @Override
    public void onReturn() {}

    @Override
    public String traceback(int level) {
        return "";
    }
}
