package io.filterplayground.engine.lua;

import io.filterplayground.engine.abi.LogLevel;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code StreamHandleWrapper}: the {@code handle} a handler gets, the script's only way to
 * the stream. Each call is traced as a hostcall with its decoded arguments.
 */
final class StreamHandle extends LuaObject {
    /** Handle methods of Envoy the playground does not offer: calling one says so. */
    private static final Set<String> ENVOY_ONLY =
            Set.of("setUpstreamOverrideHost", "stats", "downstreamRequestHeaders");

    StreamHandle(LuaRun run) {
        super(run, 0);
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "headers",
                method(
                        StreamHandle.class,
                        "handle:headers",
                        (h, args) -> {
                            LuaRun run = h.run;
                            run.hostcall(
                                    "headers",
                                    run.headers.size() + " header(s)",
                                    "map",
                                    run.request ? "request" : "response");
                            return h.made(
                                    "headers",
                                    api -> api.headers,
                                    (r, scope) -> new HeaderMapObject(r, scope, r.headers, false));
                        }));
        m.set(
                "body",
                method(
                        StreamHandle.class,
                        "handle:body",
                        (h, args) -> {
                            boolean alwaysWrap = false;
                            if (args.narg() >= 2) {
                                if (!args.arg(2).isboolean()) {
                                    throw new LuaError(
                                            "bad argument #1 to body (boolean expected)");
                                }
                                alwaysWrap = args.arg(2).toboolean();
                            }
                            return BodyAndTrailers.body(h.run, alwaysWrap);
                        }));
        m.set(
                "bodyChunks",
                method(
                        StreamHandle.class,
                        "handle:bodyChunks",
                        (h, args) -> {
                            if (h.run.sawBody) {
                                throw new LuaError(
                                        "cannot call bodyChunks after body processing has begun");
                            }
                            h.run.hostcall("bodyChunks", "iterator");
                            return BodyAndTrailers.chunks(h);
                        }));
        m.set(
                "trailers",
                method(
                        StreamHandle.class,
                        "handle:trailers",
                        (h, args) -> BodyAndTrailers.trailers(h.run)));
        m.set(
                "respond",
                method(
                        StreamHandle.class,
                        "handle:respond",
                        (h, args) -> {
                            LocalReply.respond(h.run, args);
                            return LuaValue.NONE;
                        }));
        m.set(
                "httpCall",
                method(
                        StreamHandle.class,
                        "handle:httpCall",
                        (h, args) -> HttpCall.send(h.run, args)));
        m.set(
                "streamInfo",
                method(
                        StreamHandle.class,
                        "handle:streamInfo",
                        (h, args) -> {
                            h.run.hostcall("streamInfo", "ok");
                            return h.made(
                                    "streamInfo", api -> api.streamInfo, StreamInfoObject::new);
                        }));
        m.set(
                "connection",
                method(
                        StreamHandle.class,
                        "handle:connection",
                        (h, args) -> {
                            h.run.hostcall("connection", "ok");
                            return h.made(
                                    "connection", api -> api.connection, ConnectionObject::new);
                        }));
        m.set(
                "metadata",
                method(
                        StreamHandle.class,
                        "handle:metadata",
                        (h, args) -> {
                            Map<String, Object> values = h.run.lua.filter().metadata();
                            h.run.hostcall("metadata", values.size() + " key(s)");
                            return h.metadata("metadata", values);
                        }));
        m.set(
                "connectionStreamInfo",
                method(
                        StreamHandle.class,
                        "handle:connectionStreamInfo",
                        (h, args) -> {
                            h.run.hostcall("connectionStreamInfo", "ok");
                            return h.made(
                                    "connectionStreamInfo",
                                    api -> api.connectionStreamInfo,
                                    ConnectionStreamInfoObject::new);
                        }));
        m.set(
                "route",
                method(
                        StreamHandle.class,
                        "handle:route",
                        (h, args) -> h.route("route", h.run.lua.filter().routeMetadata())));
        m.set(
                "virtualHost",
                method(
                        StreamHandle.class,
                        "handle:virtualHost",
                        (h, args) ->
                                h.route("virtualHost", h.run.lua.filter().virtualHostMetadata())));
        m.set(
                "filterContext",
                method(
                        StreamHandle.class,
                        "handle:filterContext",
                        (h, args) -> {
                            Map<String, Object> values = h.run.lua.filter().filterContext();
                            h.run.hostcall("filterContext", values.size() + " key(s)");
                            return h.metadata("filterContext", values);
                        }));
        m.set(
                "clearRouteCache",
                method(
                        StreamHandle.class,
                        "handle:clearRouteCache",
                        (h, args) -> {
                            h.run.hostcall(
                                    "clearRouteCache",
                                    "ok: the scenario's one route stays selected");
                            return LuaValue.NONE;
                        }));
        m.set(
                "importPublicKey",
                method(
                        StreamHandle.class,
                        "handle:importPublicKey",
                        (h, args) -> PublicKeyObject.importKey(h.run, args)));
        m.set(
                "verifySignature",
                method(
                        StreamHandle.class,
                        "handle:verifySignature",
                        (h, args) -> PublicKeyObject.verify(h.run, args)));
        logs(m);
        timestamps(m);
        m.set(
                "base64Escape",
                method(
                        StreamHandle.class,
                        "handle:base64Escape",
                        (h, args) -> {
                            byte[] bytes = LuaValues.bytes(args.checkstring(2));
                            String out = Base64.getEncoder().encodeToString(bytes);
                            h.run.hostcall("base64Escape", out, "length", bytes.length);
                            return LuaValue.valueOf(out);
                        }));
        m.set(
                "base64Decode",
                method(
                        StreamHandle.class,
                        "handle:base64Decode",
                        (h, args) -> {
                            byte[] in = LuaValues.bytes(args.checkstring(2));
                            byte[] out;
                            try {
                                out = Base64.getDecoder().decode(in);
                            } catch (IllegalArgumentException e) {
                                // Envoy answers nil: the input often comes from a header.
                                out = null;
                            }
                            h.run.hostcall(
                                    "base64Decode",
                                    out == null ? null : out.length + " byte(s)",
                                    "length",
                                    in.length);
                            return out == null ? LuaValue.NIL : LuaString.valueUsing(out);
                        }));
        return new ObjectType("handle", m, null, ENVOY_ONLY);
    }

    private LuaValue metadata(String key, Map<String, Object> values) {
        return made(
                key, api -> api.metadata, (r, scope) -> new MetadataMapObject(r, scope, values));
    }

    private LuaValue route(String what, Map<String, Object> metadata) {
        run.hostcall(what, "ok");
        return made(
                what,
                api -> what.equals("route") ? api.route : api.virtualHost,
                (r, scope) -> new RouteObject(r, scope, metadata));
    }

    /** {@code handle:timestamp([resolution])} and {@code handle:timestampString([resolution])}. */
    private static void timestamps(LuaTable m) {
        m.set(
                "timestamp",
                method(
                        StreamHandle.class,
                        "handle:timestamp",
                        (h, args) -> {
                            long ms = h.run.lua.env().clock().epochNanos() / 1_000_000L;
                            if (!args.arg(2).isnil() && args.arg(2).toint() != 0) {
                                throw new LuaError("timestamp format must be MILLISECOND.");
                            }
                            h.run.hostcall("timestamp", ms);
                            return LuaValue.valueOf((double) ms);
                        }));
        m.set(
                "timestampString",
                method(
                        StreamHandle.class,
                        "handle:timestampString",
                        (h, args) -> {
                            long nanos = h.run.lua.env().clock().epochNanos();
                            int res = args.arg(2).isnil() ? 0 : args.arg(2).toint();
                            String s =
                                    switch (res) {
                                        case 0 -> Long.toString(nanos / 1_000_000L);
                                        case 1 -> Long.toString(nanos / 1_000L);
                                        default ->
                                                throw new LuaError(
                                                        "timestamp format must be MILLISECOND or"
                                                                + " MICROSECOND.");
                                    };
                            h.run.hostcall("timestampString", s);
                            return LuaValue.valueOf(s);
                        }));
    }

    /** {@code handle:logTrace(message)} ... {@code handle:logCritical(message)}. */
    private static void logs(LuaTable m) {
        String[] names = {"logTrace", "logDebug", "logInfo", "logWarn", "logErr", "logCritical"};
        LogLevel[] levels = LogLevel.values();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            LogLevel level = levels[i];
            m.set(
                    name,
                    method(
                            StreamHandle.class,
                            "handle:" + name,
                            (h, args) -> {
                                String message = str(args, 2, name);
                                h.run.hostcall(name, "ok", "message", message);
                                h.run.log(level, message);
                                return LuaValue.NONE;
                            }));
        }
    }
}
