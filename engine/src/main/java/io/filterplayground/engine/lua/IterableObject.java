package io.filterplayground.engine.lua;

import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A Lua object {@code pairs} can walk, with Envoy's iterator rules: one iterator at a time per
 * object, the object cannot be modified while it is active, and it dies with the object (and once
 * it has returned its last entry).
 */
abstract class IterableObject extends LuaObject {
    private boolean iterating;

    IterableObject(LuaRun run, int segment) {
        super(run, segment);
    }

    /** Whether an iterator is active (Envoy: "cannot be modified while iterating"). */
    boolean iterating() {
        return iterating;
    }

    /** A new iterator over {@code entries} (each: key, value). */
    LuaValue iterator(List<Varargs> entries) {
        if (iterating) {
            throw new LuaError("cannot create a second iterator before completing the first");
        }
        iterating = true;
        return new VarArgFunction() {
            private int next;
            private boolean done;

            @Override
            public Varargs invoke(Varargs args) {
                live();
                if (done) {
                    throw new LuaError(OUT_OF_SCOPE);
                }
                if (next >= entries.size()) {
                    done = true;
                    iterating = false;
                    return NIL;
                }
                return entries.get(next++);
            }
        };
    }
}
