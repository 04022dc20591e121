package io.filterplayground.engine.lua;

import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code MetadataMapWrapper}: read-only metadata, {@code handle:metadata()} (the route's
 * {@code filter_metadata} for this filter), with {@code get(key)} and iteration with {@code pairs}.
 */
final class MetadataMapObject extends IterableObject {
    private final Map<String, Object> values;

    MetadataMapObject(LuaRun run, int segment, Map<String, Object> values) {
        super(run, segment);
        this.values = values;
    }

    static ObjectType type(String what) {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                method(
                        MetadataMapObject.class,
                        what + ":get",
                        (md, args) -> {
                            String key = str(args, 2, "get");
                            Object v = md.values.get(key);
                            md.run.hostcall(
                                    what + ":get",
                                    v == null ? null : String.valueOf(v),
                                    "key",
                                    key);
                            return v == null ? LuaValue.NIL : LuaValues.toLua(v);
                        }));
        LuaValue pairs =
                method(
                        MetadataMapObject.class,
                        "pairs(" + what + ")",
                        (md, args) -> md.iterator(LuaValues.entries(md.values)));
        return new ObjectType(what, m, pairs, java.util.Set.of());
    }
}
