package io.filterplayground.engine.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code FilterStateWrapper}: {@code streamInfo():filterState()}, with {@code get(name)}:
 * the stream's filter state object as a string (what a Wasm filter set with {@code
 * proxy_set_property}, for instance), or nil. A field name as second argument gives nil: the
 * playground's filter state objects are plain bytes, without fields.
 */
final class FilterStateObject extends LuaObject {
    FilterStateObject(LuaRun run, int segment) {
        super(run, segment);
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                method(
                        FilterStateObject.class,
                        "filterState:get",
                        (f, args) -> {
                            String name = str(args, 2, "get");
                            byte[] value = f.run.callbacks().filterState().get(name);
                            boolean field = !args.arg(3).isnil();
                            if (field) {
                                str(args, 3, "get");
                            }
                            LuaValue out =
                                    value == null || field
                                            ? LuaValue.NIL
                                            : LuaString.valueUsing(value.clone());
                            f.run.hostcall(
                                    "filterState:get",
                                    out.isnil() ? null : value.length + " byte(s)",
                                    "name",
                                    name);
                            return out;
                        }));
        return new ObjectType("filterState", m);
    }
}
