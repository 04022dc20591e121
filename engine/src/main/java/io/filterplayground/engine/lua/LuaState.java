package io.filterplayground.engine.lua;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.filter.VmViewSource;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.VmEvent;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * One Lua state of a Lua filter on one worker (Envoy: "all Lua environments are per worker
 * thread"): the globals, the script's handlers, and the watchdog hook. Touched by its worker's
 * thread, and by the coroutine threads LuaJ runs suspended handlers on, one at a time.
 */
final class LuaState implements VmViewSource {
    private final LuaChainFilter filter;
    private final Worker worker;
    private final String id;
    private final String thread;
    private final HostEnvironment env;
    private final Tracer tracer;
    private final Globals globals;
    private final ScriptWatchdog watchdog;
    private final LuaSandbox sandbox;
    private final LuaApi api;
    private final LuaValue onRequest;
    private final LuaValue onResponse;
    private LuaRun running;
    private long streams;
    private int nextRunId;
    private long errors;

    /** {@code worker} null: the canary run on the starting thread. */
    LuaState(LuaChainFilter filter, Worker worker) {
        this.filter = filter;
        this.worker = worker;
        this.env = filter.env();
        this.tracer = env.tracer();
        this.id = filter.name() + "#" + (worker == null ? "canary" : worker.tag());
        this.thread = worker == null ? Tracer.thread() : worker.name();
        this.watchdog = new ScriptWatchdog(env.watchdog().limitMillis());
        this.sandbox = new LuaSandbox(watchdog, this::print, () -> env.clock().epochNanos());
        this.globals = sandbox.globals();
        this.api = new LuaApi();
        api.install(globals);
        LuaValue chunk = filter.instantiate(globals);
        LuaValue previous = enter(null);
        try {
            chunk.call();
        } catch (LuaError e) {
            throw new FilterStartException(
                    filter.name()
                            + ": the script failed while loading: "
                            + LuaErrors.runtime(filter.chunkName(), e.getMessage()));
        } catch (StackOverflowError e) {
            throw new FilterStartException(
                    filter.name() + ": the script failed while loading: stack overflow");
        } catch (OutOfMemoryError e) {
            throw new FilterStartException(
                    filter.name() + ": the script failed while loading: not enough memory");
        } finally {
            exit(previous);
        }
        this.onRequest = handler("envoy_on_request");
        this.onResponse = handler("envoy_on_response");
        if (worker != null) {
            vmEvent(
                    "created",
                    "Lua state (LuaJ 3.0.1) for "
                            + filter.name()
                            + ": "
                            + (onRequest == null ? "no envoy_on_request" : "envoy_on_request")
                            + ", "
                            + (onResponse == null ? "no envoy_on_response" : "envoy_on_response")
                            + "; handlers run "
                            + (filter.coroutines()
                                    ? "as coroutines (the script may suspend in body(),"
                                            + " bodyChunks(), trailers() or httpCall())"
                                    : "directly on the worker (the script never suspends)"));
            if (onRequest == null) {
                log(
                        0,
                        0,
                        0,
                        LogLevel.INFO,
                        "envoy_on_request() function not found. Lua filter will not hook"
                                + " requests.");
            }
            if (onResponse == null) {
                log(
                        0,
                        0,
                        0,
                        LogLevel.INFO,
                        "envoy_on_response() function not found. Lua filter will not hook"
                                + " responses.");
            }
        }
    }

    private LuaValue handler(String name) {
        LuaValue v = globals.get(name);
        if (v.isnil()) {
            return null;
        }
        if (!v.isfunction()) {
            throw new FilterStartException(
                    filter.name() + ": " + name + " must be a function, got a " + v.typename());
        }
        return v;
    }

    // ---- what streams use ---------------------------------------------------------------------

    HttpFilter newStream(FilterCallbacks callbacks) {
        if (onRequest == null && onResponse == null) {
            return null;
        }
        streams++;
        return new LuaStreamFilter(this, callbacks);
    }

    int nextRunId() {
        return ++nextRunId;
    }

    LuaChainFilter filter() {
        return filter;
    }

    Globals globals() {
        return globals;
    }

    LuaApi api() {
        return api;
    }

    LuaSandbox sandbox() {
        return sandbox;
    }

    /**
     * Starts a call into the script on this thread (loading the chunk, running or resuming a
     * handler): the watchdog's clock starts, and string methods are this state's. Returns what
     * {@link #exit} restores.
     */
    LuaValue enter(LuaRun run) {
        running = run;
        watchdog.arm();
        return sandbox.enter();
    }

    void exit(LuaValue previous) {
        watchdog.disarm();
        sandbox.exit(previous);
        running = null;
    }

    /** {@code print}: in the trace of the stream whose handler prints, if any. */
    private void print(String message) {
        LuaRun run = running;
        if (run != null) {
            run.print(message);
        } else {
            log(0, 0, 0, LogLevel.INFO, message);
        }
    }

    LuaValue onRequest() {
        return onRequest;
    }

    LuaValue onResponse() {
        return onResponse;
    }

    HostEnvironment env() {
        return env;
    }

    Tracer tracer() {
        return tracer;
    }

    String id() {
        return id;
    }

    String thread() {
        return thread;
    }

    Worker worker() {
        return worker;
    }

    /** Envoy's {@code lua.errors} stat for this filter, and the state's own count. */
    void countError() {
        errors++;
        env.metrics().increment("lua." + filter.name() + ".errors", id, 1);
    }

    void countExecution() {
        env.metrics().increment("lua." + filter.name() + ".executions", id, 1);
    }

    long errors() {
        return errors;
    }

    void log(long parentSeq, long streamId, int contextId, LogLevel level, String message) {
        tracer.emit(
                new LogEvent(
                        tracer.nextSeq(),
                        parentSeq,
                        streamId,
                        thread,
                        filter.name(),
                        id,
                        contextId,
                        level,
                        message,
                        level.code() < env.logLevel().code()));
    }

    private void vmEvent(String what, String detail) {
        tracer.emit(new VmEvent(tracer.nextSeq(), 0, thread, id, filter.module(), what, detail));
    }

    @Override
    public List<VmView> views() {
        return List.of(
                new VmView(
                        id,
                        "lua",
                        thread,
                        filter.module(),
                        "",
                        errors == 0 ? "running" : "running (" + errors + " script error(s))",
                        List.of(),
                        streams,
                        0,
                        null));
    }
}
