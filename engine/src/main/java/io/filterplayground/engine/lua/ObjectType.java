package io.filterplayground.engine.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * One type of Lua object (Envoy registers one per wrapper class): the metatable its userdata share.
 * Asking for a method the type lacks is a Lua error naming what it has, fields cannot be set,
 * {@code tostring} gives Lua's form rather than the Java object's, and {@code getmetatable} answers
 * a name instead of the table.
 */
final class ObjectType {
    private final LuaTable metatable = new LuaTable();

    /**
     * @param what the object's name in messages ({@code headers}, {@code streamInfo}...)
     * @param methods name to function
     * @param pairs the {@code __pairs} function, or null when the object cannot be iterated
     * @param envoyOnly methods Envoy's object has and the playground does not offer
     */
    ObjectType(String what, LuaTable methods, LuaValue pairs, Set<String> envoyOnly) {
        String known = names(methods);
        metatable.set(
                LuaValue.INDEX,
                new TwoArgFunction() {
                    @Override
                    public LuaValue call(LuaValue self, LuaValue key) {
                        LuaValue m = methods.rawget(key);
                        if (m.isnil()) {
                            throw new LuaError(unknown(what, key.tojstring(), known, envoyOnly));
                        }
                        return m;
                    }
                });
        metatable.set(
                LuaValue.NEWINDEX,
                new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs args) {
                        throw new LuaError(
                                "cannot set '"
                                        + args.arg(2).tojstring()
                                        + "' on the "
                                        + what
                                        + " object");
                    }
                });
        if (pairs != null) {
            metatable.set("__pairs", pairs);
        }
        metatable.set(
                LuaValue.TOSTRING,
                new OneArgFunction() {
                    @Override
                    public LuaValue call(LuaValue self) {
                        return valueOf(
                                "userdata: 0x"
                                        + Integer.toHexString(
                                                System.identityHashCode(self.touserdata())));
                    }
                });
        metatable.set(LuaValue.METATABLE, LuaValue.valueOf("Envoy " + what));
    }

    ObjectType(String what, LuaTable methods) {
        this(what, methods, null, Set.of());
    }

    /** A new Lua value for {@code object}. */
    LuaValue wrap(LuaObject object) {
        return LuaValue.userdataOf(object, metatable);
    }

    private static String names(LuaTable methods) {
        List<String> out = new ArrayList<>();
        for (LuaValue k = methods.next(LuaValue.NIL).arg1();
                !k.isnil();
                k = methods.next(k).arg1()) {
            out.add(k.tojstring());
        }
        out.sort(null);
        return String.join(", ", out);
    }

    private static String unknown(String what, String key, String known, Set<String> envoyOnly) {
        if (envoyOnly.contains(key)) {
            return what
                    + ":"
                    + key
                    + "() is part of Envoy's Lua API but the playground does not offer it";
        }
        return "'"
                + key
                + "' is not part of Envoy's Lua API for the "
                + what
                + " object (it has: "
                + known
                + ")";
    }
}
