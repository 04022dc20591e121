package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Envoy's {@code HeaderMapWrapper}: {@code handle:headers()} and {@code handle:trailers()}.
 * Trailers stay modifiable (Envoy creates their wrapper with an always-true check); headers only
 * until they were continued. As in Envoy, {@code pairs} walks the entries as they were when it
 * started, and the map cannot be modified until the walk has ended.
 */
final class HeaderMapObject extends IterableObject {
    private final HeaderMap map;
    private final boolean trailers;

    HeaderMapObject(LuaRun run, int segment, HeaderMap map, boolean trailers) {
        super(run, segment);
        this.map = map;
        this.trailers = trailers;
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                method(
                        HeaderMapObject.class,
                        "headers:get",
                        (h, args) -> {
                            String key = str(args, 2, "get");
                            List<String> values = h.map.getAll(key);
                            // Envoy joins repeated values with ",".
                            String v = values.isEmpty() ? null : String.join(",", values);
                            h.run.hostcall("headers:get", v, "key", key);
                            return opt(v);
                        }));
        m.set(
                "getAtIndex",
                method(
                        HeaderMapObject.class,
                        "headers:getAtIndex",
                        (h, args) -> {
                            String key = str(args, 2, "getAtIndex");
                            int index = args.checkint(3);
                            List<String> values = h.map.getAll(key);
                            String v =
                                    index >= 0 && index < values.size() ? values.get(index) : null;
                            h.run.hostcall("headers:getAtIndex", v, "key", key, "index", index);
                            return opt(v);
                        }));
        m.set(
                "getNumValues",
                method(
                        HeaderMapObject.class,
                        "headers:getNumValues",
                        (h, args) -> {
                            String key = str(args, 2, "getNumValues");
                            int n = h.map.getAll(key).size();
                            h.run.hostcall("headers:getNumValues", n, "key", key);
                            return LuaValue.valueOf(n);
                        }));
        m.set("add", setter("add", HeaderMap::add));
        m.set("replace", setter("replace", HeaderMap::replace));
        m.set(
                "remove",
                method(
                        HeaderMapObject.class,
                        "headers:remove",
                        (h, args) -> {
                            HeaderMap map = h.modifiable();
                            String key = str(args, 2, "remove");
                            boolean had = map.remove(key);
                            h.run.hostcall(
                                    "headers:remove", had ? "removed" : "absent", "key", key);
                            return LuaValue.NONE;
                        }));
        return new ObjectType("headers", m, pairs(), java.util.Set.of());
    }

    /** How {@code add} and {@code replace} put a value into a header map. */
    private interface Put {
        void put(HeaderMap map, String key, String value);
    }

    private static LuaValue setter(String name, Put put) {
        String call = "headers:" + name;
        return method(
                HeaderMapObject.class,
                call,
                (h, args) -> {
                    HeaderMap map = h.modifiable();
                    String key = str(args, 2, name);
                    String value = str(args, 3, name);
                    put.put(map, key, value);
                    h.run.hostcall(call, "ok", "key", key, "value", value);
                    return LuaValue.NONE;
                });
    }

    private HeaderMap modifiable() {
        if (iterating()) {
            throw new LuaError("header map cannot be modified while iterating");
        }
        if (!trailers && run.headersContinued) {
            throw new LuaError("header map can no longer be modified");
        }
        return map;
    }

    /** {@code for k, v in pairs(headers)}: every entry in order, repeated names included. */
    private static LuaValue pairs() {
        return method(
                HeaderMapObject.class,
                "pairs(headers)",
                (h, args) -> {
                    List<Varargs> entries = new ArrayList<>();
                    for (Header e : h.map.entries()) {
                        entries.add(
                                LuaValue.varargsOf(
                                        LuaValue.valueOf(e.name()), LuaValue.valueOf(e.value())));
                    }
                    LuaValue iterator = h.iterator(entries);
                    h.run.hostcall("headers:pairs", entries.size() + " entries");
                    return iterator;
                });
    }
}
