package io.filterplayground.engine.lua;

import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaTable;

/**
 * Envoy's {@code ConnectionStreamInfoWrapper}: {@code handle:connectionStreamInfo()}, the
 * downstream connection's stream info, with {@code dynamicMetadata()}. The playground has no
 * network filters to set connection metadata, so that map is empty, as it is in Envoy without them.
 */
final class ConnectionStreamInfoObject extends LuaObject {
    ConnectionStreamInfoObject(LuaRun run, int segment) {
        super(run, segment);
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "dynamicMetadata",
                method(
                        ConnectionStreamInfoObject.class,
                        "connectionStreamInfo:dynamicMetadata",
                        (c, args) -> {
                            c.run.hostcall(
                                    "connectionStreamInfo:dynamicMetadata",
                                    "empty: no network filter sets connection metadata");
                            return c.made(
                                    "connectionStreamInfo:dynamicMetadata",
                                    api -> api.connectionMetadata,
                                    (run, scope) -> new MetadataMapObject(run, scope, Map.of()));
                        }));
        return new ObjectType("connectionStreamInfo", m, null, Set.of("dynamicTypedMetadata"));
    }
}
