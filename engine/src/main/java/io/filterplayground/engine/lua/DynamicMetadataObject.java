package io.filterplayground.engine.lua;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code DynamicMetadataMapWrapper}: {@code streamInfo():dynamicMetadata()}, the stream's
 * dynamic metadata by filter namespace, with {@code get(filter)}, {@code set(filter, key, value)}
 * and iteration with {@code pairs}.
 */
final class DynamicMetadataObject extends IterableObject {
    DynamicMetadataObject(LuaRun run, int segment) {
        super(run, segment);
    }

    private Map<String, Map<String, Object>> metadata() {
        return run.callbacks().dynamicMetadata();
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                method(
                        DynamicMetadataObject.class,
                        "dynamicMetadata:get",
                        (d, args) -> {
                            String ns = str(args, 2, "get");
                            Map<String, Object> values = d.metadata().get(ns);
                            d.run.hostcall(
                                    "dynamicMetadata:get",
                                    values == null ? null : values.toString(),
                                    "filter",
                                    ns);
                            return values == null ? LuaValue.NIL : LuaValues.toLua(values);
                        }));
        m.set(
                "set",
                method(
                        DynamicMetadataObject.class,
                        "dynamicMetadata:set",
                        (d, args) -> {
                            if (d.iterating()) {
                                throw new LuaError(
                                        "dynamic metadata map cannot be modified while iterating");
                            }
                            String ns = str(args, 2, "set");
                            String key = str(args, 3, "set");
                            Object value = LuaValues.toJava(args.arg(4));
                            d.metadata().computeIfAbsent(ns, k -> new HashMap<>()).put(key, value);
                            d.run.hostcall(
                                    "dynamicMetadata:set",
                                    "ok",
                                    "filter",
                                    ns,
                                    "key",
                                    key,
                                    "value",
                                    String.valueOf(value));
                            return LuaValue.NONE;
                        }));
        LuaValue pairs =
                method(
                        DynamicMetadataObject.class,
                        "pairs(dynamicMetadata)",
                        (d, args) -> d.iterator(LuaValues.entries(d.metadata())));
        return new ObjectType("dynamicMetadata", m, pairs, java.util.Set.of());
    }
}
