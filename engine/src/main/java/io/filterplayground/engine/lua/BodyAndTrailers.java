package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.Buffer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code handle:body()}, {@code handle:bodyChunks()} and {@code handle:trailers()}: the parts of
 * the stream a script may wait for (Envoy's {@code luaBody}, {@code luaBodyIterator}, {@code
 * luaTrailers}), and what the script is resumed with when they arrive.
 */
final class BodyAndTrailers {
    private BodyAndTrailers() {}

    /** Envoy's {@code luaBody}: the buffered body, nil, an error, or a suspension until the end. */
    static Varargs body(LuaRun run, boolean alwaysWrap) {
        if (run.endStream) {
            if (!run.bufferedBody && run.sawBody) {
                throw new LuaError("cannot call body() after body has been streamed");
            }
            LuaValue v = bodyNow(run, alwaysWrap);
            run.hostcall(
                    "body",
                    v.isnil()
                            ? "nil"
                            : ((BufferObject) v.touserdata()).buffer.length() + " byte(s)");
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

    private static LuaValue bodyNow(LuaRun run, boolean alwaysWrap) {
        Buffer buffered = run.bufferedBody();
        if (buffered == null && !alwaysWrap) {
            return LuaValue.NIL;
        }
        Buffer b = buffered == null ? new Buffer() : buffered;
        return run.object(
                "body", () -> run.lua.api().buffer.wrap(new BufferObject(run, run.scope(), b)));
    }

    /** What a handler waiting in {@code body()} is resumed with, now that the body is complete. */
    static Varargs bodyValue(LuaRun run) {
        return bodyNow(run, false);
    }

    /** Envoy's {@code luaBodyIterator}: nil once the stream has ended, else wait for a chunk. */
    static LuaValue chunks(StreamHandle handle) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaRun run = handle.live();
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
        return run.lua.api().buffer.wrap(new BufferObject(run, run.scope(), chunk));
    }

    /** What a handler waiting for a body chunk is resumed with when trailers end the stream. */
    static Varargs lastChunk(LuaRun run) {
        run.atResume = () -> run.hostcall("bodyChunks:chunk", "nil: trailers ended the body");
        return LuaValue.NONE;
    }

    /** Envoy's {@code luaTrailers}: the trailers, nil at an end without them, else wait. */
    static Varargs trailers(LuaRun run) {
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

    private static LuaValue trailersNow(LuaRun run) {
        return run.object(
                "trailers",
                () ->
                        run.lua
                                .api()
                                .headers
                                .wrap(new HeaderMapObject(run, run.scope(), run.trailers, true)));
    }

    /** What a handler waiting in {@code trailers()} is resumed with, now that they arrived. */
    static Varargs trailersValue(LuaRun run) {
        int n = run.trailers.size();
        run.atResume = () -> run.hostcall("trailers:arrived", n + " trailer(s)");
        return trailersNow(run);
    }

    /**
     * What a handler waiting in {@code trailers()} is resumed with when the data ended the stream.
     */
    static Varargs noTrailers(LuaRun run) {
        run.atResume =
                () -> run.hostcall("trailers:arrived", "nil: the stream ended without trailers");
        return LuaValue.NONE;
    }
}
