package io.filterplayground.engine.lua;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Envoy's Lua stream handle API on LuaJ: {@code handle:headers()} ({@code get}, {@code add}, {@code
 * replace}, {@code remove}, {@code getAtIndex}, {@code getNumValues}, iteration with {@code
 * pairs}), {@code handle:body()} ({@code length}, {@code getBytes}, {@code setBytes}), {@code
 * handle:respond()}, {@code handle:httpCall()}, {@code handle:streamInfo()} ({@code protocol},
 * addresses, {@code dynamicMetadata():get/set}), {@code handle:metadata()}, {@code
 * handle:logTrace..logCritical}, {@code handle:timestamp()}, {@code handle:bodyChunks()} (an
 * iterator that suspends for each chunk), {@code handle:trailers()} (suspends until they arrive),
 * {@code handle:base64Escape()}, {@code handle:connection():ssl()} and {@code
 * streamInfo():downstreamSslConnection()} (nil: the playground's downstream is plaintext). Each
 * call is traced as a hostcall with its decoded arguments. Asking an object for anything else is a
 * Lua error naming what exists.
 */
final class LuaApi {
    private static final List<String> ENVOY_ONLY =
            List.of(
                    "connectionStreamInfo",
                    "filterContext",
                    "importPublicKey",
                    "verifySignature",
                    "virtualHost",
                    "route",
                    "clearRouteCache",
                    "setUpstreamOverrideHost",
                    "stats");

    private final LuaState lua;
    private final LuaTable handleMeta;
    private final LuaTable headersMeta;
    private final LuaTable bodyMeta;
    private final LuaTable streamInfoMeta;
    private final LuaTable dynamicMetadataMeta;
    private final LuaTable metadataMeta;
    private final LuaTable connectionMeta;

    /**
     * What a {@code headers()} or {@code trailers()} object wraps. Trailers stay modifiable (Envoy
     * creates their wrapper with an always-true check); headers only until they were continued.
     */
    record HeadersRef(LuaRun run, HeaderMap map, boolean trailers) {}

    /**
     * What a body object wraps: the buffered body ({@code segment} 0, valid while the run is live),
     * or one chunk from {@code bodyChunks()}, valid only in the segment it was resumed into (Envoy
     * kills the chunk's wrapper when the script yields again).
     */
    record BodyRef(LuaRun run, Buffer buffer, int segment) {
        LuaRun live() {
            if (!run.live(segment)) {
                throw new LuaError("object used outside of proper scope");
            }
            return run;
        }
    }

    record InfoRef(LuaRun run) {}

    record DynamicMetadataRef(LuaRun run) {}

    record MetadataRef(LuaRun run) {}

    record ConnectionRef(LuaRun run) {}

    LuaApi(LuaState lua) {
        this.lua = lua;
        this.headersMeta = meta("headers", headersMethods(), headersPairs());
        this.bodyMeta = meta("body", bodyMethods(), null);
        this.dynamicMetadataMeta =
                meta("dynamicMetadata", dynamicMetadataMethods(), dynamicMetadataPairs());
        this.streamInfoMeta = meta("streamInfo", streamInfoMethods(), null);
        this.metadataMeta = meta("metadata", metadataMethods(), metadataPairs());
        this.connectionMeta = meta("connection", connectionMethods(), null);
        this.handleMeta = meta("handle", handleMethods(), null);
    }

    /** Adds what Envoy's Lua offers besides the handle. */
    void install(Globals g) {
        LuaTable resolution = new LuaTable();
        resolution.set("MILLISECOND", LuaValue.valueOf(0));
        resolution.set("MICROSECOND", LuaValue.valueOf(1));
        g.set("EnvoyTimestampResolution", resolution);
    }

    LuaValue handle(LuaRun run) {
        return LuaValue.userdataOf(run, handleMeta);
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static LuaTable meta(String what, LuaTable methods, LuaValue pairs) {
        LuaTable mt = new LuaTable();
        String known = names(methods);
        mt.set(
                LuaValue.INDEX,
                new TwoArgFunction() {
                    @Override
                    public LuaValue call(LuaValue self, LuaValue key) {
                        LuaValue m = methods.rawget(key);
                        if (m.isnil()) {
                            throw new LuaError(unknown(what, key.tojstring(), known));
                        }
                        return m;
                    }
                });
        mt.set(
                LuaValue.NEWINDEX,
                new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs args) {
                        throw new LuaError(
                                "cannot set '"
                                        + args.arg(2).tojstring()
                                        + "' on the "
                                        + what
                                        + " object");
                    }
                });
        if (pairs != null) {
            mt.set("__pairs", pairs);
        }
        // Lua's own form: a Java object's toString would show the playground's internals.
        mt.set(
                LuaValue.TOSTRING,
                new OneArgFunction() {
                    @Override
                    public LuaValue call(LuaValue self) {
                        return valueOf(
                                "userdata: 0x"
                                        + Integer.toHexString(
                                                System.identityHashCode(self.touserdata())));
                    }
                });
        mt.set("__metatable", LuaValue.valueOf("Envoy " + what));
        return mt;
    }

    private static String names(LuaTable methods) {
        List<String> out = new ArrayList<>();
        for (LuaValue k = methods.next(LuaValue.NIL).arg1();
                !k.isnil();
                k = methods.next(k).arg1()) {
            out.add(k.tojstring());
        }
        out.sort(null);
        return String.join(", ", out);
    }

    private static String unknown(String what, String key, String known) {
        if (what.equals("handle") && ENVOY_ONLY.contains(key)) {
            return "handle:"
                    + key
                    + "() is part of Envoy's Lua API but the playground does not offer it";
        }
        return "'"
                + key
                + "' is not part of Envoy's Lua API for the "
                + what
                + " object (it has: "
                + known
                + ")";
    }

    /** The object a method was called on; a dot call or a stale object is a clear Lua error. */
    private static <T> T self(Varargs args, Class<T> type, String call) {
        LuaValue s = args.arg1();
        Object o = s.isuserdata() ? s.touserdata() : null;
        if (!type.isInstance(o)) {
            throw new LuaError(
                    call
                            + "() must be called as a method, with a colon (obj:"
                            + method(call)
                            + "(...))");
        }
        return type.cast(o);
    }

    private static String method(String call) {
        int i = call.lastIndexOf(':');
        return i >= 0 ? call.substring(i + 1) : call;
    }

    private static LuaRun live(LuaRun run) {
        if (!run.live()) {
            throw new LuaError("object used outside of proper scope");
        }
        return run;
    }

    /** A method: {@code body} gets the arguments after {@code self}. */
    private abstract static class Method<T> extends VarArgFunction {
        private final Class<T> type;
        private final String call;

        Method(Class<T> type, String call) {
            this.type = type;
            this.call = call;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return body(self(args, type, call), args);
        }

        abstract Varargs body(T self, Varargs args);
    }

    private static String str(Varargs args, int i, String what) {
        LuaValue v = args.arg(i);
        if (!v.isstring()) {
            throw new LuaError(
                    "bad argument #"
                            + (i - 1)
                            + " to "
                            + what
                            + " (string expected, got "
                            + v.typename()
                            + ")");
        }
        return v.tojstring();
    }

    private static LuaValue opt(String s) {
        return s == null ? LuaValue.NIL : LuaValue.valueOf(s);
    }

    // ---- handle ------------------------------------------------------------------------------

    private LuaTable handleMethods() {
        LuaTable m = new LuaTable();
        m.set(
                "headers",
                new Method<>(LuaRun.class, "handle:headers") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        if (run.headersWrapper == null) {
                            run.headersWrapper =
                                    LuaValue.userdataOf(
                                            new HeadersRef(run, run.headers, false), headersMeta);
                        }
                        run.hostcall(
                                "headers",
                                run.headers.size() + " header(s)",
                                "map",
                                run.request ? "request" : "response");
                        return run.headersWrapper;
                    }
                });
        m.set(
                "body",
                new Method<>(LuaRun.class, "handle:body") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        boolean alwaysWrap = false;
                        if (args.narg() >= 2) {
                            if (!args.arg(2).isboolean()) {
                                throw new LuaError("bad argument #1 to body (boolean expected)");
                            }
                            alwaysWrap = args.arg(2).toboolean();
                        }
                        return LuaApi.this.body(run, alwaysWrap);
                    }
                });
        m.set(
                "bodyChunks",
                new Method<>(LuaRun.class, "handle:bodyChunks") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        if (run.sawBody) {
                            throw new LuaError(
                                    "cannot call bodyChunks after body processing has begun");
                        }
                        run.hostcall("bodyChunks", "iterator");
                        return bodyIterator(run);
                    }
                });
        m.set(
                "trailers",
                new Method<>(LuaRun.class, "handle:trailers") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        return LuaApi.this.trailers(run);
                    }
                });
        m.set(
                "base64Escape",
                new Method<>(LuaRun.class, "handle:base64Escape") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        LuaString s = args.checkstring(2);
                        byte[] bytes = new byte[s.rawlen()];
                        s.copyInto(0, bytes, 0, bytes.length);
                        String out = Base64.getEncoder().encodeToString(bytes);
                        run.hostcall("base64Escape", out, "length", bytes.length);
                        return valueOf(out);
                    }
                });
        m.set(
                "respond",
                new Method<>(LuaRun.class, "handle:respond") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        respond(run, args);
                        return NONE;
                    }
                });
        m.set(
                "httpCall",
                new Method<>(LuaRun.class, "handle:httpCall") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        return httpCall(run, args);
                    }
                });
        m.set(
                "streamInfo",
                new Method<>(LuaRun.class, "handle:streamInfo") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        if (run.streamInfoWrapper == null) {
                            run.streamInfoWrapper =
                                    LuaValue.userdataOf(new InfoRef(run), streamInfoMeta);
                        }
                        run.hostcall("streamInfo", "ok");
                        return run.streamInfoWrapper;
                    }
                });
        m.set(
                "connection",
                new Method<>(LuaRun.class, "handle:connection") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        run.hostcall("connection", "ok");
                        return LuaValue.userdataOf(new ConnectionRef(run), connectionMeta);
                    }
                });
        m.set(
                "metadata",
                new Method<>(LuaRun.class, "handle:metadata") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        live(run);
                        if (run.metadataWrapper == null) {
                            run.metadataWrapper =
                                    LuaValue.userdataOf(new MetadataRef(run), metadataMeta);
                        }
                        run.hostcall("metadata", run.lua.filter().metadata().size() + " key(s)");
                        return run.metadataWrapper;
                    }
                });
        String[] logs = {"logTrace", "logDebug", "logInfo", "logWarn", "logErr", "logCritical"};
        LogLevel[] levels = LogLevel.values();
        for (int i = 0; i < logs.length; i++) {
            String logName = logs[i];
            LogLevel level = levels[i];
            m.set(
                    logName,
                    new Method<>(LuaRun.class, "handle:" + logName) {
                        @Override
                        Varargs body(LuaRun run, Varargs args) {
                            live(run);
                            String message = str(args, 2, logName);
                            run.hostcall(logName, "ok", "message", message);
                            run.log(level, message);
                            return NONE;
                        }
                    });
        }
        m.set(
                "timestamp",
                new Method<>(LuaRun.class, "handle:timestamp") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        long ms = lua.env().clock().epochNanos() / 1_000_000L;
                        if (!args.arg(2).isnil() && args.arg(2).toint() != 0) {
                            throw new LuaError("timestamp format must be MILLISECOND.");
                        }
                        run.hostcall("timestamp", ms);
                        return valueOf((double) ms);
                    }
                });
        m.set(
                "timestampString",
                new Method<>(LuaRun.class, "handle:timestampString") {
                    @Override
                    Varargs body(LuaRun run, Varargs args) {
                        long nanos = lua.env().clock().epochNanos();
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
                        run.hostcall("timestampString", s);
                        return valueOf(s);
                    }
                });
        return m;
    }

    // ---- body --------------------------------------------------------------------------------

    /** Envoy's {@code luaBody}: the buffered body, nil, an error, or a suspension until the end. */
    private Varargs body(LuaRun run, boolean alwaysWrap) {
        if (run.endStream) {
            if (!run.bufferedBody && run.sawBody) {
                throw new LuaError("cannot call body() after body has been streamed");
            }
            LuaValue v = bodyNow(run, alwaysWrap);
            run.hostcall("body", v.isnil() ? "nil" : bodyLength(v) + " byte(s)");
            return v;
        }
        if (run.sawBody) {
            throw new LuaError("cannot call body() after body streaming has started");
        }
        run.state = LuaRun.State.WAIT_BODY;
        run.bufferedBody = true;
        run.hostcall("body", "yield: the stream buffers the body, the script resumes at its end");
        return run.suspend("body()");
    }

    private static int bodyLength(LuaValue wrapper) {
        return ((BodyRef) wrapper.touserdata()).buffer().length();
    }

    private LuaValue bodyNow(LuaRun run, boolean alwaysWrap) {
        if (run.bodyWrapper != null) {
            return run.bodyWrapper;
        }
        Buffer b = run.bufferedBody();
        if (b == null) {
            if (!alwaysWrap) {
                return LuaValue.NIL;
            }
            b = new Buffer();
        }
        run.bodyWrapper = LuaValue.userdataOf(new BodyRef(run, b, 0), bodyMeta);
        return run.bodyWrapper;
    }

    /** What a handler waiting in {@code body()} is resumed with, now that the body is complete. */
    static Varargs bodyValue(LuaRun run) {
        return run.lua.api().bodyNow(run, false);
    }

    // ---- body chunks and trailers --------------------------------------------------------------

    /** Envoy's {@code luaBodyIterator}: nil once the stream has ended, else wait for a chunk. */
    private static LuaValue bodyIterator(LuaRun run) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                live(run);
                if (run.endStream) {
                    run.hostcall("bodyChunks:next", "nil: the body is complete");
                    return NIL;
                }
                run.state = LuaRun.State.WAIT_BODY_CHUNK;
                run.hostcall("bodyChunks:next", "yield: the script resumes with the next chunk");
                return run.suspend("bodyChunks()");
            }
        };
    }

    /** What a handler waiting for a body chunk is resumed with: this chunk, as a body object. */
    static Varargs chunkValue(LuaRun run, Buffer chunk) {
        int size = chunk.length();
        run.atResume = () -> run.hostcall("bodyChunks:chunk", size + " byte(s)");
        return LuaValue.userdataOf(
                new BodyRef(run, chunk, run.nextSegment()), run.lua.api().bodyMeta);
    }

    /** What a handler waiting for a body chunk is resumed with when trailers end the stream. */
    static Varargs lastChunk(LuaRun run) {
        run.atResume = () -> run.hostcall("bodyChunks:chunk", "nil: trailers ended the body");
        return LuaValue.NONE;
    }

    /** Envoy's {@code luaTrailers}: the trailers, nil at an end without them, else wait. */
    private Varargs trailers(LuaRun run) {
        if (run.trailers != null) {
            run.hostcall("trailers", run.trailers.size() + " trailer(s)");
            return trailersNow(run);
        }
        if (run.endStream) {
            run.hostcall("trailers", "nil: the stream ended without trailers");
            return LuaValue.NIL;
        }
        run.state = LuaRun.State.WAIT_TRAILERS;
        run.hostcall("trailers", "yield: the script resumes when the trailers arrive");
        return run.suspend("trailers()");
    }

    private LuaValue trailersNow(LuaRun run) {
        if (run.trailersWrapper == null) {
            run.trailersWrapper =
                    LuaValue.userdataOf(new HeadersRef(run, run.trailers, true), headersMeta);
        }
        return run.trailersWrapper;
    }

    /** What a handler waiting in {@code trailers()} is resumed with, now that they arrived. */
    static Varargs trailersValue(LuaRun run) {
        int n = run.trailers.size();
        run.atResume = () -> run.hostcall("trailers:arrived", n + " trailer(s)");
        return run.lua.api().trailersNow(run);
    }

    /**
     * What a handler waiting in {@code trailers()} is resumed with when the data ended the stream.
     */
    static Varargs noTrailers(LuaRun run) {
        run.atResume =
                () -> run.hostcall("trailers:arrived", "nil: the stream ended without trailers");
        return LuaValue.NONE;
    }

    private LuaTable bodyMethods() {
        LuaTable m = new LuaTable();
        m.set(
                "length",
                new Method<>(BodyRef.class, "body:length") {
                    @Override
                    Varargs body(BodyRef b, Varargs args) {
                        b.live();
                        int n = b.buffer().length();
                        b.run().hostcall("body:length", n);
                        return valueOf(n);
                    }
                });
        m.set(
                "getBytes",
                new Method<>(BodyRef.class, "body:getBytes") {
                    @Override
                    Varargs body(BodyRef b, Varargs args) {
                        b.live();
                        long index = args.checklong(2);
                        long length = args.checklong(3);
                        int size = b.buffer().length();
                        if (index < 0 || length < 0 || index + length > size) {
                            throw new LuaError(
                                    "index/length must be >= 0 and (index + length) must be <="
                                            + " buffer size");
                        }
                        byte[] bytes = b.buffer().slice((int) index, (int) length);
                        b.run()
                                .hostcall(
                                        "body:getBytes",
                                        bytes.length + " byte(s)",
                                        "index",
                                        index,
                                        "length",
                                        length);
                        return LuaString.valueUsing(bytes);
                    }
                });
        m.set(
                "setBytes",
                new Method<>(BodyRef.class, "body:setBytes") {
                    @Override
                    Varargs body(BodyRef b, Varargs args) {
                        LuaRun run = b.live();
                        LuaString s = args.checkstring(2);
                        byte[] bytes = new byte[s.rawlen()];
                        s.copyInto(0, bytes, 0, bytes.length);
                        b.buffer().set(bytes);
                        if (!run.headersContinued && run.headers != null) {
                            run.headers.replace("content-length", Integer.toString(bytes.length));
                        }
                        run.hostcall(
                                "body:setBytes",
                                "ok",
                                "length",
                                bytes.length,
                                "data",
                                preview(bytes));
                        return NONE;
                    }
                });
        return m;
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        return bytes.length > 64 ? s + "..." : s;
    }

    // ---- headers -----------------------------------------------------------------------------

    /** How {@code add} and {@code replace} put a value into a header map. */
    private interface HeaderPut {
        void put(HeaderMap map, String key, String value);
    }

    /** {@code headers:add(key, value)} / {@code headers:replace(key, value)}. */
    private static Method<HeadersRef> headerSetter(String name, HeaderPut put) {
        String call = "headers:" + name;
        return new Method<>(HeadersRef.class, call) {
            @Override
            Varargs body(HeadersRef h, Varargs args) {
                HeaderMap map = modifiable(h);
                String key = str(args, 2, name);
                String value = str(args, 3, name);
                put.put(map, key, value);
                h.run().hostcall(call, "ok", "key", key, "value", value);
                return NONE;
            }
        };
    }

    private static HeaderMap modifiable(HeadersRef h) {
        live(h.run());
        if (!h.trailers() && h.run().headersContinued) {
            throw new LuaError("header map can no longer be modified");
        }
        return h.map();
    }

    private LuaTable headersMethods() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                new Method<>(HeadersRef.class, "headers:get") {
                    @Override
                    Varargs body(HeadersRef h, Varargs args) {
                        live(h.run());
                        String key = str(args, 2, "get");
                        List<String> values = h.map().getAll(key);
                        // Envoy joins repeated values with ",".
                        String v = values.isEmpty() ? null : String.join(",", values);
                        h.run().hostcall("headers:get", v, "key", key);
                        return opt(v);
                    }
                });
        m.set(
                "getAtIndex",
                new Method<>(HeadersRef.class, "headers:getAtIndex") {
                    @Override
                    Varargs body(HeadersRef h, Varargs args) {
                        live(h.run());
                        String key = str(args, 2, "getAtIndex");
                        int index = args.checkint(3);
                        List<String> values = h.map().getAll(key);
                        String v = index >= 0 && index < values.size() ? values.get(index) : null;
                        h.run().hostcall("headers:getAtIndex", v, "key", key, "index", index);
                        return opt(v);
                    }
                });
        m.set(
                "getNumValues",
                new Method<>(HeadersRef.class, "headers:getNumValues") {
                    @Override
                    Varargs body(HeadersRef h, Varargs args) {
                        live(h.run());
                        String key = str(args, 2, "getNumValues");
                        int n = h.map().getAll(key).size();
                        h.run().hostcall("headers:getNumValues", n, "key", key);
                        return valueOf(n);
                    }
                });
        m.set("add", headerSetter("add", HeaderMap::add));
        m.set("replace", headerSetter("replace", HeaderMap::replace));
        m.set(
                "remove",
                new Method<>(HeadersRef.class, "headers:remove") {
                    @Override
                    Varargs body(HeadersRef h, Varargs args) {
                        HeaderMap map = modifiable(h);
                        String key = str(args, 2, "remove");
                        boolean had = map.remove(key);
                        h.run().hostcall("headers:remove", had ? "removed" : "absent", "key", key);
                        return NONE;
                    }
                });
        return m;
    }

    /** {@code for k, v in pairs(headers)}: every entry in order, repeated names included. */
    private static LuaValue headersPairs() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue self) {
                HeadersRef h = selfOf(self, HeadersRef.class, "pairs(headers)");
                live(h.run());
                List<Header> snapshot = List.copyOf(h.map().entries());
                h.run().hostcall("headers:pairs", snapshot.size() + " entries");
                return iterator(snapshot);
            }
        };
    }

    private static LuaValue iterator(List<Header> entries) {
        int[] next = {0};
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (next[0] >= entries.size()) {
                    return NIL;
                }
                Header e = entries.get(next[0]++);
                return varargsOf(valueOf(e.name()), valueOf(e.value()));
            }
        };
    }

    // ---- respond and httpCall ----------------------------------------------------------------

    private static void respond(LuaRun run, Varargs args) {
        if (!run.request) {
            throw new LuaError("respond not currently supported in the response path");
        }
        if (run.headersContinued) {
            throw new LuaError("respond() cannot be called if headers have been continued");
        }
        LuaTable table = args.checktable(2);
        LuaValue rawBody = args.arg(3);
        if (!rawBody.isnil() && !rawBody.isstring()) {
            throw new LuaError("bad argument #2 to respond (string expected)");
        }
        List<Header> headers = headersFromTable(table);
        String status = null;
        List<Header> rest = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equals(":status")) {
                status = status == null ? h.value() : status;
            } else {
                rest.add(h);
            }
        }
        int code;
        try {
            code = status == null ? -1 : Integer.parseInt(status.trim());
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 200 || code >= 600) {
            throw new LuaError(":status must be between 200-599");
        }
        byte[] body = new byte[0];
        if (!rawBody.isnil()) {
            LuaString s = rawBody.checkstring();
            body = new byte[s.rawlen()];
            s.copyInto(0, body, 0, body.length);
        }
        run.hostcall(
                "respond",
                "the script ends; a local reply answers the request",
                "status",
                code,
                "headers",
                Headers.of(rest).toString(),
                "body",
                preview(body));
        run.reply = new LuaRun.Reply(code, List.copyOf(rest), body);
        run.state = LuaRun.State.RESPONDED;
        throw ScriptEnd.INSTANCE;
    }

    /** Envoy's {@code buildHeadersFromTable}: a value may be a list of values. */
    private static List<Header> headersFromTable(LuaTable table) {
        List<Header> out = new ArrayList<>();
        for (LuaValue k = table.next(LuaValue.NIL).arg1(); !k.isnil(); k = table.next(k).arg1()) {
            if (!k.isstring()) {
                throw new LuaError("header key must be a string, got " + k.typename());
            }
            String name = k.tojstring().toLowerCase(Locale.ROOT);
            LuaValue v = table.get(k);
            if (v.istable()) {
                LuaTable list = (LuaTable) v;
                for (LuaValue i = list.next(LuaValue.NIL).arg1();
                        !i.isnil();
                        i = list.next(i).arg1()) {
                    out.add(new Header(name, headerValue(list.get(i))));
                }
            } else {
                out.add(new Header(name, headerValue(v)));
            }
        }
        return out;
    }

    private static String headerValue(LuaValue v) {
        if (!v.isstring()) {
            throw new LuaError("header value must be a string or a number, got " + v.typename());
        }
        return v.tojstring();
    }

    private Varargs httpCall(LuaRun run, Varargs args) {
        String clusterName = str(args, 2, "httpCall");
        LuaTable headerTable = args.checktable(3);
        LuaValue rawBody = args.arg(4);
        if (!rawBody.isnil() && !rawBody.isstring()) {
            throw new LuaError("bad argument #3 to httpCall (string expected)");
        }
        long timeout = 0;
        boolean async = false;
        boolean duplicates = false;
        if (args.arg(5).istable()) {
            LuaTable options = (LuaTable) args.arg(5);
            for (LuaValue k = options.next(LuaValue.NIL).arg1();
                    !k.isnil();
                    k = options.next(k).arg1()) {
                LuaValue v = options.get(k);
                switch (k.tojstring()) {
                    case "asynchronous" -> async = v.toboolean();
                    case "timeout_ms" -> {
                        timeout = v.checklong();
                        if (timeout < 0) {
                            throw new LuaError("http call timeout must be >= 0");
                        }
                    }
                    case "return_duplicate_headers" -> duplicates = v.toboolean();
                    case "trace_sampled", "send_xff" -> {}
                    default ->
                            throw new LuaError(
                                    "\""
                                            + k.tojstring()
                                            + "\" is not valid key for httpCall() options");
                }
            }
        } else {
            LuaValue flag = args.arg(6);
            if (!flag.isnil() && !flag.isboolean()) {
                throw new LuaError("http call asynchronous flag must be 'true', 'false', or empty");
            }
            if (!args.arg(5).isnumber()) {
                throw new LuaError(
                        "bad argument #4 to httpCall (the timeout in milliseconds expected, got "
                                + args.arg(5).typename()
                                + ")");
            }
            timeout = args.arg(5).tolong();
            if (timeout < 0) {
                throw new LuaError("http call timeout must be >= 0");
            }
            async = flag.toboolean();
        }
        Cluster cluster = lua.env().clusters().get(clusterName);
        if (cluster == null) {
            throw new LuaError("http call cluster invalid. Must be configured");
        }
        List<Header> headers = new ArrayList<>(headersFromTable(headerTable));
        Headers h = Headers.of(headers);
        if (!h.contains(":path") || !h.contains(":method") || !h.contains(":authority")) {
            throw new LuaError(
                    "http call headers must include ':path', ':method', and ':authority'");
        }
        byte[] body = new byte[0];
        if (!rawBody.isnil()) {
            LuaString s = rawBody.checkstring();
            body = new byte[s.rawlen()];
            s.copyInto(0, body, 0, body.length);
            headers.removeIf(x -> x.name().equals("content-length"));
            headers.add(new Header("content-length", Integer.toString(body.length)));
            h = Headers.of(headers);
        }
        UpstreamCall call = new UpstreamCall(h, body, Headers.empty(), timeout);
        if (async) {
            cluster.send(call, run.callbacks().worker(), r -> {});
            run.hostcall(
                    "httpCall",
                    "sent; asynchronous, the script goes on",
                    "cluster",
                    clusterName,
                    "path",
                    h.first(":path").orElse(""),
                    "timeout_ms",
                    timeout);
            return LuaValue.NONE;
        }
        if (!run.suspendable()) {
            // Checked before sending, so a script without a coroutine sends nothing.
            return run.suspend("httpCall()");
        }
        run.returnDuplicateHeaders = duplicates;
        run.state = LuaRun.State.HTTP_CALL;
        run.hostcall(
                "httpCall",
                "yield: the script resumes when the answer arrives",
                "cluster",
                clusterName,
                "method",
                h.first(":method").orElse(""),
                "path",
                h.first(":path").orElse(""),
                "timeout_ms",
                timeout);
        LuaStreamFilter stream = run.stream;
        run.call = cluster.send(call, run.callbacks().worker(), r -> stream.onCallResult(run, r));
        return run.suspend("httpCall()");
    }

    /** The values an HTTP call resumes the script with: a headers table and the body (or nil). */
    static Varargs callResponse(LuaRun run, UpstreamResult result) {
        Headers headers;
        byte[] body;
        if (result.ok()) {
            headers = result.headers();
            if (!headers.contains(":status")) {
                List<Header> h = new ArrayList<>();
                h.add(new Header(":status", Integer.toString(result.status())));
                h.addAll(headers.entries());
                headers = Headers.of(h);
            }
            body = result.body();
        } else {
            // Envoy fakes a basic 503 response for a failed call.
            headers = Headers.of(":status", "503");
            body = "upstream failure".getBytes(StandardCharsets.UTF_8);
        }
        LuaTable table = new LuaTable();
        if (run.returnDuplicateHeaders) {
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            for (Header x : headers) {
                grouped.computeIfAbsent(x.name(), k -> new ArrayList<>()).add(x.value());
            }
            for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
                if (e.getValue().size() == 1) {
                    table.set(e.getKey(), e.getValue().get(0));
                } else {
                    LuaTable list = new LuaTable();
                    for (int i = 0; i < e.getValue().size(); i++) {
                        list.set(i + 1, LuaValue.valueOf(e.getValue().get(i)));
                    }
                    table.set(e.getKey(), list);
                }
            }
        } else {
            for (Header x : headers) {
                table.set(x.name(), x.value());
            }
        }
        String status = result.ok() ? "status " + headers.first(":status").orElse("?") : "failed";
        int size = body.length;
        run.atResume =
                () ->
                        run.hostcall(
                                "httpCall:response",
                                status,
                                "body_size",
                                size,
                                "failure",
                                result.ok() ? "" : result.failure() + ": " + result.message());
        return LuaValue.varargsOf(
                table, body.length == 0 ? LuaValue.NIL : LuaString.valueUsing(body));
    }

    // ---- streamInfo, dynamic metadata, metadata ----------------------------------------------

    private LuaTable streamInfoMethods() {
        LuaTable m = new LuaTable();
        infoString(m, "protocol", i -> i.protocol);
        infoString(
                m,
                "downstreamRemoteAddress",
                i -> i.downstreamRemoteAddress + ":" + i.downstreamRemotePort);
        infoString(
                m,
                "downstreamDirectRemoteAddress",
                i -> i.downstreamRemoteAddress + ":" + i.downstreamRemotePort);
        infoString(
                m,
                "downstreamLocalAddress",
                i -> i.downstreamLocalAddress + ":" + i.downstreamLocalPort);
        infoString(m, "requestedServerName", i -> "");
        infoString(m, "routeName", i -> i.routeName);
        m.set(
                "downstreamSslConnection",
                noSsl(InfoRef.class, "streamInfo:downstreamSslConnection", InfoRef::run));
        m.set(
                "dynamicMetadata",
                new Method<>(InfoRef.class, "streamInfo:dynamicMetadata") {
                    @Override
                    Varargs body(InfoRef info, Varargs args) {
                        live(info.run());
                        info.run().hostcall("streamInfo:dynamicMetadata", "ok");
                        return LuaValue.userdataOf(
                                new DynamicMetadataRef(info.run()), dynamicMetadataMeta);
                    }
                });
        return m;
    }

    private LuaTable connectionMethods() {
        LuaTable m = new LuaTable();
        m.set("ssl", noSsl(ConnectionRef.class, "connection:ssl", ConnectionRef::run));
        return m;
    }

    /**
     * {@code connection:ssl()} and {@code streamInfo:downstreamSslConnection()}: nil, which is what
     * Envoy returns on a plaintext connection. The playground's downstream never does TLS, whatever
     * the request's {@code :scheme} says.
     */
    private static <T> Method<T> noSsl(
            Class<T> type, String call, java.util.function.Function<T, LuaRun> runOf) {
        return new Method<>(type, call) {
            @Override
            Varargs body(T self, Varargs args) {
                LuaRun run = live(runOf.apply(self));
                run.hostcall(call, "nil: the downstream connection is plaintext");
                return NIL;
            }
        };
    }

    private static void infoString(
            LuaTable m, String method, java.util.function.Function<StreamInfo, String> read) {
        m.set(
                method,
                new Method<>(InfoRef.class, "streamInfo:" + method) {
                    @Override
                    Varargs body(InfoRef info, Varargs args) {
                        live(info.run());
                        String v = read.apply(info.run().callbacks().streamInfo());
                        info.run().hostcall("streamInfo:" + method, v);
                        return valueOf(v);
                    }
                });
    }

    private LuaTable dynamicMetadataMethods() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                new Method<>(DynamicMetadataRef.class, "dynamicMetadata:get") {
                    @Override
                    Varargs body(DynamicMetadataRef d, Varargs args) {
                        live(d.run());
                        String ns = str(args, 2, "get");
                        Map<String, Object> values = d.run().callbacks().dynamicMetadata().get(ns);
                        d.run()
                                .hostcall(
                                        "dynamicMetadata:get",
                                        values == null ? null : values.toString(),
                                        "filter",
                                        ns);
                        return values == null ? NIL : toLua(values);
                    }
                });
        m.set(
                "set",
                new Method<>(DynamicMetadataRef.class, "dynamicMetadata:set") {
                    @Override
                    Varargs body(DynamicMetadataRef d, Varargs args) {
                        live(d.run());
                        String ns = str(args, 2, "set");
                        String key = str(args, 3, "set");
                        Object value = toJava(args.arg(4));
                        d.run()
                                .callbacks()
                                .dynamicMetadata()
                                .computeIfAbsent(ns, k -> new HashMap<>())
                                .put(key, value);
                        d.run()
                                .hostcall(
                                        "dynamicMetadata:set",
                                        "ok",
                                        "filter",
                                        ns,
                                        "key",
                                        key,
                                        "value",
                                        String.valueOf(value));
                        return NONE;
                    }
                });
        return m;
    }

    private static LuaValue dynamicMetadataPairs() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue self) {
                DynamicMetadataRef d =
                        selfOf(self, DynamicMetadataRef.class, "pairs(dynamicMetadata)");
                live(d.run());
                List<Object[]> entries = new ArrayList<>();
                for (Map.Entry<String, Map<String, Object>> e :
                        d.run().callbacks().dynamicMetadata().entrySet()) {
                    entries.add(new Object[] {e.getKey(), e.getValue()});
                }
                return objectIterator(entries);
            }
        };
    }

    private LuaTable metadataMethods() {
        LuaTable m = new LuaTable();
        m.set(
                "get",
                new Method<>(MetadataRef.class, "metadata:get") {
                    @Override
                    Varargs body(MetadataRef md, Varargs args) {
                        live(md.run());
                        String key = str(args, 2, "get");
                        Object v = md.run().lua.filter().metadata().get(key);
                        md.run()
                                .hostcall(
                                        "metadata:get",
                                        v == null ? null : String.valueOf(v),
                                        "key",
                                        key);
                        return v == null ? NIL : toLua(v);
                    }
                });
        return m;
    }

    private static LuaValue metadataPairs() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue self) {
                MetadataRef md = selfOf(self, MetadataRef.class, "pairs(metadata)");
                live(md.run());
                List<Object[]> entries = new ArrayList<>();
                for (Map.Entry<String, Object> e : md.run().lua.filter().metadata().entrySet()) {
                    entries.add(new Object[] {e.getKey(), e.getValue()});
                }
                return objectIterator(entries);
            }
        };
    }

    private static <T> T selfOf(LuaValue s, Class<T> type, String call) {
        Object o = s.isuserdata() ? s.touserdata() : null;
        if (!type.isInstance(o)) {
            throw new LuaError("bad argument to " + call);
        }
        return type.cast(o);
    }

    private static LuaValue objectIterator(List<Object[]> entries) {
        int[] next = {0};
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (next[0] >= entries.size()) {
                    return NIL;
                }
                Object[] e = entries.get(next[0]++);
                return varargsOf(valueOf((String) e[0]), toLua(e[1]));
            }
        };
    }

    // ---- values between Lua and Java ---------------------------------------------------------

    static LuaValue toLua(Object v) {
        if (v == null) {
            return LuaValue.NIL;
        }
        if (v instanceof String s) {
            return LuaValue.valueOf(s);
        }
        if (v instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return LuaValue.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return LuaValue.valueOf(n.doubleValue());
        }
        if (v instanceof byte[] b) {
            return LuaString.valueUsing(b.clone());
        }
        if (v instanceof Map<?, ?> map) {
            LuaTable t = new LuaTable();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                t.set(String.valueOf(e.getKey()), toLua(e.getValue()));
            }
            return t;
        }
        if (v instanceof List<?> list) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                t.set(i + 1, toLua(list.get(i)));
            }
            return t;
        }
        return LuaValue.valueOf(String.valueOf(v));
    }

    static Object toJava(LuaValue v) {
        if (v.isnil()) {
            return null;
        }
        if (v.isboolean()) {
            return v.toboolean();
        }
        if (v.isinttype()) {
            return (long) v.toint();
        }
        if (v.isnumber() && !v.isstring()) {
            double d = v.todouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        }
        if (v.isstring()) {
            return v.tojstring();
        }
        if (v.istable()) {
            LuaTable t = (LuaTable) v;
            int n = t.length();
            boolean array = n > 0;
            int count = 0;
            for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
                count++;
            }
            if (array && count == n) {
                List<Object> list = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    list.add(toJava(t.get(i)));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
                map.put(k.tojstring(), toJava(t.get(k)));
            }
            return map;
        }
        throw new LuaError("cannot store a " + v.typename() + " in metadata");
    }
}
