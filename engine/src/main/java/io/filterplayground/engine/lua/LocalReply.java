package io.filterplayground.engine.lua;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code handle:respond(headers, body)}: a local reply from the request path. "Once we respond we
 * treat that as the end of the script even if there is more code" (Envoy's {@code luaRespond}): the
 * reply is sent by the worker once the script's segment has returned.
 */
final class LocalReply {
    private LocalReply() {}

    /** Envoy's {@code luaRespond}: checks the call, records the reply, ends the script. */
    static void respond(LuaRun run, Varargs args) {
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
        List<Header> headers = LuaValues.headers(table);
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
            body = LuaValues.bytes(rawBody.checkstring());
        }
        run.hostcall(
                "respond",
                "the script ends; a local reply answers the request",
                "status",
                code,
                "headers",
                Headers.of(rest).toString(),
                "body",
                BufferObject.preview(body));
        run.reply = new LuaRun.Reply(code, List.copyOf(rest), body);
        run.state = LuaRun.State.RESPONDED;
        throw ScriptEnd.INSTANCE;
    }
}
