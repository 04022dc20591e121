package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.StreamInfo;
import java.util.function.Function;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code StreamInfoWrapper}: {@code handle:streamInfo()} with the protocol, addresses and
 * route name, {@code dynamicMetadata()}, and {@code downstreamSslConnection()} (nil: the
 * playground's downstream is plaintext).
 */
final class StreamInfoObject extends LuaObject {
    StreamInfoObject(LuaRun run, int segment) {
        super(run, segment);
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        string(m, "protocol", i -> i.protocol);
        string(
                m,
                "downstreamRemoteAddress",
                i -> i.downstreamRemoteAddress + ":" + i.downstreamRemotePort);
        string(
                m,
                "downstreamDirectRemoteAddress",
                i -> i.downstreamRemoteAddress + ":" + i.downstreamRemotePort);
        string(
                m,
                "downstreamLocalAddress",
                i -> i.downstreamLocalAddress + ":" + i.downstreamLocalPort);
        string(m, "requestedServerName", i -> "");
        string(m, "routeName", i -> i.routeName);
        m.set(
                "downstreamSslConnection",
                ConnectionObject.noSsl(
                        StreamInfoObject.class, "streamInfo:downstreamSslConnection"));
        m.set(
                "dynamicMetadata",
                method(
                        StreamInfoObject.class,
                        "streamInfo:dynamicMetadata",
                        (info, args) -> {
                            info.run.hostcall("streamInfo:dynamicMetadata", "ok");
                            return info.run
                                    .lua
                                    .api()
                                    .dynamicMetadata
                                    .wrap(new DynamicMetadataObject(info.run, 0));
                        }));
        return new ObjectType("streamInfo", m);
    }

    private static void string(LuaTable m, String name, Function<StreamInfo, String> read) {
        String call = "streamInfo:" + name;
        m.set(
                name,
                method(
                        StreamInfoObject.class,
                        call,
                        (info, args) -> {
                            String v = read.apply(info.run.callbacks().streamInfo());
                            info.run.hostcall(call, v);
                            return LuaValue.valueOf(v);
                        }));
    }
}
