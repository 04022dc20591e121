package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.StreamInfo;
import java.util.Set;
import java.util.function.Function;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code StreamInfoWrapper}: {@code handle:streamInfo()} with the protocol, addresses,
 * route and virtual cluster names, the requested server name, {@code dynamicMetadata()}, {@code
 * filterState()}, and {@code downstreamSslConnection()} (nil: the playground's downstream is
 * plaintext).
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
        string(
                m,
                "downstreamDirectLocalAddress",
                i -> i.downstreamLocalAddress + ":" + i.downstreamLocalPort);
        // Envoy's value without TLS (no SNI); the playground's downstream is plaintext.
        string(m, "requestedServerName", i -> "");
        // Envoy's value when no virtual cluster matched: the playground's route has none.
        string(m, "virtualClusterName", i -> "");
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
                            return info.made(
                                    "streamInfo:dynamicMetadata",
                                    api -> api.dynamicMetadata,
                                    DynamicMetadataObject::new);
                        }));
        m.set(
                "filterState",
                method(
                        StreamInfoObject.class,
                        "streamInfo:filterState",
                        (info, args) -> {
                            info.run.hostcall("streamInfo:filterState", "ok");
                            return info.made(
                                    "streamInfo:filterState",
                                    api -> api.filterState,
                                    FilterStateObject::new);
                        }));
        return new ObjectType(
                "streamInfo",
                m,
                null,
                Set.of("dynamicTypedMetadata", "drainConnectionUponCompletion"));
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
