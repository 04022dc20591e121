package io.filterplayground.engine.lua;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.UpstreamCall;
import io.filterplayground.engine.upstream.UpstreamResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code handle:httpCall(cluster, headers, body, timeout_ms[, asynchronous])} or with an options
 * table: an HTTP call to one of the scenario's clusters, and the headers table and body the script
 * is resumed with when the answer arrives.
 */
final class HttpCall {
    private HttpCall() {}

    /** Envoy's {@code luaHttpCall}: send, then suspend until the answer (unless asynchronous). */
    static Varargs send(LuaRun run, Varargs args) {
        String clusterName = LuaObject.str(args, 2, "httpCall");
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
        Cluster cluster = run.lua.env().clusters().get(clusterName);
        if (cluster == null) {
            throw new LuaError("http call cluster invalid. Must be configured");
        }
        List<Header> headers = new ArrayList<>(LuaValues.headers(headerTable));
        Headers h = Headers.of(headers);
        if (!h.contains(":path") || !h.contains(":method") || !h.contains(":authority")) {
            throw new LuaError(
                    "http call headers must include ':path', ':method', and ':authority'");
        }
        byte[] body = new byte[0];
        if (!rawBody.isnil()) {
            body = LuaValues.bytes(rawBody.checkstring());
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
    static Varargs response(LuaRun run, UpstreamResult result) {
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
}
