package io.filterplayground.engine.lua;

import io.filterplayground.engine.abi.LogLevel;
import java.util.Base64;
import java.util.Set;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code StreamHandleWrapper}: the {@code handle} a handler gets, the script's only way to
 * the stream. Each call is traced as a hostcall with its decoded arguments.
 */
final class StreamHandle extends LuaObject {
    /** Handle methods of Envoy the playground does not offer: calling one says so. */
    private static final Set<String> ENVOY_ONLY =
            Set.of(
                    "connectionStreamInfo",
                    "filterContext",
                    "importPublicKey",
                    "verifySignature",
                    "virtualHost",
                    "route",
                    "clearRouteCache",
                    "setUpstreamOverrideHost",
                    "stats");

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
                            if (run.headersWrapper == null) {
                                run.headersWrapper =
                                        run.lua
                                                .api()
                                                .headers
                                                .wrap(
                                                        new HeaderMapObject(
                                                                run, 0, run.headers, false));
                            }
                            run.hostcall(
                                    "headers",
                                    run.headers.size() + " header(s)",
                                    "map",
                                    run.request ? "request" : "response");
                            return run.headersWrapper;
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
                            LuaRun run = h.run;
                            if (run.streamInfoWrapper == null) {
                                run.streamInfoWrapper =
                                        run.lua.api().streamInfo.wrap(new StreamInfoObject(run, 0));
                            }
                            run.hostcall("streamInfo", "ok");
                            return run.streamInfoWrapper;
                        }));
        m.set(
                "connection",
                method(
                        StreamHandle.class,
                        "handle:connection",
                        (h, args) -> {
                            h.run.hostcall("connection", "ok");
                            return h.run.lua.api().connection.wrap(new ConnectionObject(h.run, 0));
                        }));
        m.set(
                "metadata",
                method(
                        StreamHandle.class,
                        "handle:metadata",
                        (h, args) -> {
                            LuaRun run = h.run;
                            if (run.metadataWrapper == null) {
                                run.metadataWrapper =
                                        run.lua
                                                .api()
                                                .metadata
                                                .wrap(
                                                        new MetadataMapObject(
                                                                run,
                                                                0,
                                                                run.lua.filter().metadata()));
                            }
                            run.hostcall(
                                    "metadata", run.lua.filter().metadata().size() + " key(s)");
                            return run.metadataWrapper;
                        }));
        logs(m);
        timestamps(m);
        m.set(
                "base64Escape",
                unscoped(
                        StreamHandle.class,
                        "handle:base64Escape",
                        (h, args) -> {
                            byte[] bytes = LuaValues.bytes(args.checkstring(2));
                            String out = Base64.getEncoder().encodeToString(bytes);
                            h.run.hostcall("base64Escape", out, "length", bytes.length);
                            return LuaValue.valueOf(out);
                        }));
        return new ObjectType("handle", m, null, ENVOY_ONLY);
    }

    /** {@code handle:timestamp([resolution])} and {@code handle:timestampString([resolution])}. */
    private static void timestamps(LuaTable m) {
        m.set(
                "timestamp",
                unscoped(
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
                unscoped(
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
