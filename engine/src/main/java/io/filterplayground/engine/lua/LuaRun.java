package io.filterplayground.engine.lua;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.upstream.Cluster;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One handler invocation ({@code envoy_on_request} or {@code envoy_on_response}) of one stream:
 * Envoy's {@code StreamHandleWrapper}. It runs in segments: the start, and each resume after the
 * script suspended for the whole body or for an HTTP call. Each segment is a {@link CallbackEvent};
 * the handle's API calls inside it are {@link HostCallEvent}s.
 */
final class LuaRun {
    /** Envoy's states, plus the two ends (done, failed). */
    enum State {
        RUNNING,
        WAIT_BODY,
        WAIT_BODY_CHUNK,
        WAIT_TRAILERS,
        HTTP_CALL,
        RESPONDED,
        DONE,
        FAILED
    }

    /** A local reply the script asked for; sent by the worker once the segment has returned. */
    record Reply(int status, List<Header> headers, byte[] body) {}

    /** Resumes a suspended coroutine only to end it (the stream went away). */
    static final LuaValue ABORT = LuaValue.userdataOf(new Object());

    final LuaStreamFilter stream;
    final LuaState lua;
    final boolean request;
    final int id;
    final HeaderMap headers;
    final LuaValue handle;
    boolean endStream;
    boolean sawBody;
    boolean bufferedBody;
    boolean headersContinued;
    State state = State.RUNNING;
    Reply reply;
    Cluster.Cancel call;
    boolean returnDuplicateHeaders;

    /** The stream's trailers once they arrived (Envoy's {@code trailers_}); null before. */
    HeaderMap trailers;

    /** Keys imported by {@code handle:importPublicKey()}, by the string that names them. */
    final Map<String, PublicKey> publicKeys = new HashMap<>();

    /** Traced first thing in the next segment (what the script is resumed with). */
    Runnable atResume;

    private LuaThread coroutine;
    private long seq;

    /** Counts segments: the handle's objects are valid only in the segment they were made in. */
    private int segments;

    private boolean inSegment;

    /**
     * The objects the handle made in this segment, by what they are: asked again, the handle
     * returns the same one (Envoy's wrapper fields, reset when the script waits again).
     */
    private final Map<String, LuaValue> objects = new HashMap<>();

    LuaRun(LuaStreamFilter stream, boolean request, HeaderMap headers, boolean endStream) {
        this.stream = stream;
        this.lua = stream.lua();
        this.request = request;
        this.id = lua.nextRunId();
        this.headers = headers;
        this.endStream = endStream;
        this.handle = lua.api().handle.wrap(new StreamHandle(this));
    }

    FilterCallbacks callbacks() {
        return stream.callbacks();
    }

    String callbackName() {
        return request ? "envoy_on_request" : "envoy_on_response";
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    /** Whether the script may use this run's objects now (Envoy: "object used outside..."). */
    boolean live() {
        return state == State.RUNNING;
    }

    boolean suspendable() {
        return coroutine != null;
    }

    /**
     * The segment an object made now is valid in: this one, or the one about to start when the
     * object is what the script is resumed with (a body chunk, the whole body, the trailers).
     */
    int scope() {
        return inSegment ? segments : segments + 1;
    }

    /** Whether this segment has made its {@code key} object already. */
    boolean has(String key) {
        return objects.containsKey(key);
    }

    /** This segment's {@code key} object, made by {@code make} the first time it is asked for. */
    LuaValue object(String key, Supplier<LuaValue> make) {
        LuaValue v = objects.get(key);
        if (v == null) {
            v = make.get();
            objects.put(key, v);
        }
        return v;
    }

    /** Whether an object made for {@code segment} (0: for the whole run) may be used now. */
    boolean live(int segment) {
        return live() && (segment == 0 || segment == segments);
    }

    Buffer bufferedBody() {
        return request ? callbacks().bufferedRequestBody() : callbacks().bufferedResponseBody();
    }

    // ---- running the script ------------------------------------------------------------------

    /** Starts the handler with the handle as its argument. */
    void start(LuaValue function, String stage) {
        lua.countExecution();
        if (lua.filter().coroutines()) {
            coroutine = new LuaThread(lua.globals(), lua.sandbox().coroutineBody(function));
            segment(stage, null, handle);
        } else {
            segment(stage, function, null);
        }
    }

    /** Resumes the suspended handler with {@code values} (the body, the HTTP call's answer). */
    void resume(String stage, Varargs values) {
        segment(stage, null, values);
    }

    /** Ends a suspended handler without running any more of it (the stream went away). */
    void abandon() {
        if (call != null) {
            call.cancel();
            call = null;
        }
        if (coroutine != null && !"dead".equals(coroutine.getStatus())) {
            LuaThread c = coroutine;
            coroutine = null;
            state = State.DONE;
            c.resume(ABORT);
        }
    }

    private void segment(String stage, LuaValue direct, Varargs resumeWith) {
        Tracer t = callbacks().tracer();
        seq = t.callbacks() ? t.nextSeq() : 0;
        segments++;
        state = State.RUNNING;
        if (atResume != null) {
            Runnable r = atResume;
            atResume = null;
            r.run();
        }
        String error = null;
        long t0 = System.nanoTime();
        LuaValue previous = lua.enter(this);
        inSegment = true;
        try {
            error = direct != null ? runDirect(direct) : runCoroutine(resumeWith);
        } finally {
            inSegment = false;
            // Envoy's onMarkDead: the handle's objects do not survive the script waiting again.
            objects.clear();
            lua.exit(previous);
        }
        long dt = System.nanoTime() - t0;
        if (seq != 0) {
            Map<String, Object> args = new LinkedHashMap<>(4);
            args.put("stage", stage);
            args.put("end_of_stream", endStream);
            t.emit(
                    new CallbackEvent(
                            seq,
                            callbacks().streamId(),
                            lua.thread(),
                            lua.filter().name(),
                            lua.id(),
                            id,
                            callbackName(),
                            args,
                            error != null ? "error" : describe(),
                            dt));
        }
        if (error != null) {
            scriptError(error);
        }
        if (state == State.RESPONDED && reply != null) {
            Reply r = reply;
            reply = null;
            callbacks().sendLocalReply(r.status(), r.body(), r.headers(), "lua_response");
        }
        seq = 0;
    }

    private String describe() {
        return switch (state) {
            case WAIT_BODY -> "yield: waiting for the whole body";
            case WAIT_BODY_CHUNK -> "yield: waiting for the next body chunk";
            case WAIT_TRAILERS -> "yield: waiting for the trailers";
            case HTTP_CALL -> "yield: waiting for the HTTP call";
            case RESPONDED -> "respond";
            default -> "done";
        };
    }

    /** Runs a handler to its end on the worker (scripts that never suspend). */
    private String runDirect(LuaValue function) {
        try {
            function.call(handle);
            if (state == State.RUNNING) {
                state = State.DONE;
            }
            return null;
        } catch (ScriptEnd e) {
            return null;
        } catch (LuaError e) {
            return e.getMessage();
        } catch (StackOverflowError e) {
            return "stack overflow";
        } catch (OutOfMemoryError e) {
            return "not enough memory";
        } catch (RuntimeException e) {
            return "host error: " + e;
        }
    }

    /** Resumes the handler's coroutine until it ends or suspends again. */
    private String runCoroutine(Varargs args) {
        if (coroutine == null) {
            return "the script cannot be resumed";
        }
        Varargs r = coroutine.resume(args);
        boolean dead = "dead".equals(coroutine.getStatus());
        if (dead) {
            coroutine = null;
        }
        if (r.arg1().toboolean()) {
            if (dead) {
                if (state == State.RUNNING) {
                    state = State.DONE;
                }
                return null;
            }
            if (state == State.RUNNING) {
                // Envoy's yield callback: a script may suspend only through the handle's API. The
                // coroutine is dropped; LuaJ ends its thread once it is unreachable.
                coroutine = null;
                return "script performed an unexpected yield";
            }
            return null;
        }
        if (state == State.RESPONDED) {
            return null;
        }
        String message = r.arg(2).isnil() ? "unknown error" : r.arg(2).tojstring();
        return message;
    }

    /**
     * Suspends the script until the worker resumes it; returns what it was resumed with. Called on
     * the coroutine's thread, from the handle's API.
     */
    Varargs suspend(String why) {
        if (coroutine == null) {
            throw new LuaError(
                    why
                            + " has to wait here, but this script runs without a coroutine: the"
                            + " playground gives handlers a coroutine when the script names body,"
                            + " bodyChunks, trailers or httpCall; call it by that name");
        }
        Varargs v = lua.globals().yield(LuaValue.NONE);
        if (v.narg() > 0 && v.arg1() == ABORT) {
            throw ScriptEnd.INSTANCE;
        }
        return v;
    }

    /** Envoy's {@code scriptError}: log at error, count, step aside; the stream continues. */
    private void scriptError(String raw) {
        state = State.FAILED;
        if (call != null) {
            call.cancel();
            call = null;
        }
        String message = LuaErrors.runtime(lua.filter().chunkName(), raw);
        lua.countError();
        long streamId = callbacks().streamId();
        lua.log(seq, streamId, id, LogLevel.ERROR, "script log: " + message);
        Tracer t = callbacks().tracer();
        t.emit(
                new TrapEvent(
                        t.nextSeq(),
                        streamId,
                        lua.thread(),
                        lua.filter().name(),
                        lua.id(),
                        id,
                        callbackName(),
                        message,
                        List.of(),
                        "continue",
                        "logged at error level (lua."
                                + lua.filter().name()
                                + ".errors = "
                                + lua.errors()
                                + " on this worker); the script steps aside for this "
                                + (request ? "request" : "response")
                                + " and the stream continues"));
    }

    // ---- tracing the handle's API ------------------------------------------------------------

    /** Records an API call; {@code kv} alternates argument names and values. */
    void hostcall(String name, Object result, Object... kv) {
        Tracer t = callbacks().tracer();
        if (!t.details()) {
            return;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        t.emit(
                new HostCallEvent(
                        t.nextSeq(),
                        seq,
                        callbacks().streamId(),
                        lua.thread(),
                        lua.filter().name(),
                        lua.id(),
                        id,
                        name,
                        args,
                        result == null ? "nil" : String.valueOf(result),
                        null));
    }

    /** What the script prints while this run's handler runs. */
    void print(String message) {
        lua.log(seq, callbacks().streamId(), id, LogLevel.INFO, message);
    }

    void log(LogLevel level, String message) {
        lua.log(seq, callbacks().streamId(), id, level, "script log: " + message);
    }
}
