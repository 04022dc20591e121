package io.filterplayground.engine.lua;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * What a Lua object of Envoy's API wraps (Envoy: a {@code BaseLuaObject}), with Envoy's scope
 * check: an object may be used only while its handler runs ({@code segment} 0), or only in the
 * segment of the handler it was made in, until the script waits again. Otherwise every call is the
 * error {@code object used outside of proper scope}.
 */
abstract class LuaObject {
    static final String OUT_OF_SCOPE = "object used outside of proper scope";

    final LuaRun run;
    private final int segment;

    LuaObject(LuaRun run, int segment) {
        this.run = run;
        this.segment = segment;
    }

    /** The run, if this object may be used now; else the scope error. */
    LuaRun live() {
        if (!run.live(segment)) {
            throw new LuaError(OUT_OF_SCOPE);
        }
        return run;
    }

    /**
     * This segment's {@code key} object, made the first time with {@code make} and wrapped as
     * {@code type} picks: the handle's objects and theirs, valid until the script waits again.
     */
    LuaValue made(
            String key,
            Function<LuaApi, ObjectType> type,
            BiFunction<LuaRun, Integer, LuaObject> make) {
        ObjectType t = type.apply(run.lua.api());
        return run.object(key, () -> t.wrap(make.apply(run, run.scope())));
    }

    /** A method's work: {@code self} is checked, {@code args} still holds it at 1. */
    @FunctionalInterface
    interface Body<T> {
        Varargs call(T self, Varargs args);
    }

    /** A method of objects of {@code type}: checks how it was called and the object's scope. */
    static <T extends LuaObject> LuaValue method(Class<T> type, String call, Body<T> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                T self = self(args, type, call);
                self.live();
                return body.call(self, args);
            }
        };
    }

    /** The object a method was called on; a dot call is a clear Lua error. */
    static <T> T self(Varargs args, Class<T> type, String call) {
        LuaValue s = args.arg1();
        Object o = s.isuserdata() ? s.touserdata() : null;
        if (!type.isInstance(o)) {
            int colon = call.lastIndexOf(':');
            throw new LuaError(
                    call
                            + "() must be called as a method, with a colon (obj:"
                            + (colon >= 0 ? call.substring(colon + 1) : call)
                            + "(...))");
        }
        return type.cast(o);
    }

    /** Argument {@code i} (1 is self) as a string, or Lua's "bad argument" error. */
    static String str(Varargs args, int i, String what) {
        LuaValue v = args.arg(i);
        if (!v.isstring()) {
            throw new LuaError(
                    "bad argument #"
                            + (i - 1)
                            + " to "
                            + what
                            + " (string expected, got "
                            + v.typename()
                            + ")");
        }
        return v.tojstring();
    }

    static LuaValue opt(String s) {
        return s == null ? LuaValue.NIL : LuaValue.valueOf(s);
    }
}
