package io.filterplayground.engine.lua;

import java.util.Map;
import org.luaj.vm2.LuaTable;

/**
 * Envoy's {@code RouteWrapper} and {@code VirtualHostWrapper}: {@code handle:route()} and {@code
 * handle:virtualHost()}, each with {@code metadata()}: its {@code filter_metadata} for this filter
 * (by the filter's name).
 */
final class RouteObject extends LuaObject {
    private final Map<String, Object> metadata;

    RouteObject(LuaRun run, int segment, Map<String, Object> metadata) {
        super(run, segment);
        this.metadata = metadata;
    }

    /**
     * @param what {@code route} or {@code virtualHost}
     */
    static ObjectType type(String what) {
        LuaTable m = new LuaTable();
        String call = what + ":metadata";
        m.set(
                "metadata",
                method(
                        RouteObject.class,
                        call,
                        (r, args) -> {
                            r.run.hostcall(call, r.metadata.size() + " key(s)");
                            return r.made(
                                    call,
                                    api -> api.metadata,
                                    (run, scope) -> new MetadataMapObject(run, scope, r.metadata));
                        }));
        return new ObjectType(what, m);
    }
}
