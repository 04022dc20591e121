package io.filterplayground.engine.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's Lua API in one Lua state: the types of its objects (Envoy registers its wrapper types per
 * state) and the globals it adds besides the handle.
 */
final class LuaApi {
    final ObjectType handle = StreamHandle.type();
    final ObjectType headers = HeaderMapObject.type();
    final ObjectType buffer = BufferObject.type();
    final ObjectType streamInfo = StreamInfoObject.type();
    final ObjectType dynamicMetadata = DynamicMetadataObject.type();
    final ObjectType metadata = MetadataMapObject.type("metadata");
    final ObjectType connectionMetadata = MetadataMapObject.type("connectionDynamicMetadata");
    final ObjectType connection = ConnectionObject.type();
    final ObjectType connectionStreamInfo = ConnectionStreamInfoObject.type();
    final ObjectType route = RouteObject.type("route");
    final ObjectType virtualHost = RouteObject.type("virtualHost");
    final ObjectType filterState = FilterStateObject.type();
    final ObjectType publicKey = PublicKeyObject.type();

    /** {@code EnvoyTimestampResolution}, the resolutions of {@code handle:timestampString()}. */
    void install(Globals g) {
        LuaTable resolution = new LuaTable();
        resolution.set("MILLISECOND", LuaValue.valueOf(0));
        resolution.set("MICROSECOND", LuaValue.valueOf(1));
        g.set("EnvoyTimestampResolution", resolution);
    }
}
