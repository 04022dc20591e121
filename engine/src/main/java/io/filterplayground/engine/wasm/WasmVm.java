package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.Instance;
import io.filterplayground.engine.abi.AbiVersion;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.error.LinkException;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import java.lang.invoke.MethodHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Chicory instance of a module on one thread: Envoy's per-worker VM. Owns the contexts created
 * in it and calls the guest's callbacks: each call pushes a {@link CallFrame} (what is called, on
 * which context, with which data), is watched by the watchdog and traced, and pops its frame when
 * it returns. Hostcalls see the VM only through a {@link VmHostcallContext}. Only its owner thread
 * touches it.
 *
 * <p>A trap marks the whole VM failed (Envoy's {@code WasmBase::fail}); the caller applies the
 * plugin's failure policy.
 */
public final class WasmVm {
    /** Where a VM is in its life. */
    public enum State {
        RUNNING,
        FAILED,
        STOPPED
    }

    private final String id;
    private final VmSpec spec;
    private final Worker loop;
    private final HostEnvironment env;
    private final Watchdog.Guard guard;
    private final AbiVersion abi;
    private final VmTrace trace;
    private final GuestMemory memory = new GuestMemory();
    private final CalloutTokens callouts = new CalloutTokens();
    private final MetricIds metricIds = new MetricIds();
    private final VmHostcallContext hostcalls = new VmHostcallContext(this);

    /**
     * The callbacks the module exports, by ordinal (see {@link GuestExport}); null: not exported.
     */
    private final MethodHandle[] callbacks = new MethodHandle[Callback.values().length];

    private final ContextTable<Context> contexts = new ContextTable<>();
    private final Map<String, RootContext> roots = new LinkedHashMap<>();
    private final ArrayDeque<Runnable> afterCall = new ArrayDeque<>();
    private final LineLogger stdout;
    private final LineLogger stderr;
    private final GuestOutput output = new GuestOutput();

    /** Frames of the calls in progress, reused by depth; {@code frames[depth - 1]} is the top. */
    private CallFrame[] frames = {new CallFrame(), new CallFrame(), new CallFrame()};

    /** What {@link #frame()} answers between calls: always empty. */
    private final CallFrame idle = new CallFrame();

    private int depth;

    /** The interpreter when this VM runs on it (null on the compiled machine), for trap stacks. */
    StackKeepingInterpreter interpreter;

    private Instance instance;
    private State state = State.RUNNING;
    private String failure;
    private int nextContextId = 1;
    private long streamsServed;

    private WasmVm(String id, VmSpec spec, Worker loop, HostEnvironment env, Watchdog.Guard guard) {
        this.id = id;
        this.spec = spec;
        this.loop = loop;
        this.env = env;
        this.guard = guard;
        this.abi = spec.module().abi();
        this.trace = new VmTrace(this, env.tracer(), env.logLevel());
        this.stdout = new LineLogger(trace, LogLevel.INFO);
        this.stderr = new LineLogger(trace, LogLevel.ERROR);
    }

    /**
     * Instantiates the module on {@code loop}'s thread and runs its start function ({@code
     * _initialize} then {@code main}, or {@code _start}). Throws {@link FilterStartException} or
     * {@link LinkException} with a plain message when the module cannot run here.
     */
    public static WasmVm create(
            String id, VmSpec spec, Worker loop, HostEnvironment env, Watchdog.Guard guard) {
        WasmVm vm = new WasmVm(id, spec, loop, env, guard);
        VmStart.instantiate(vm);
        return vm;
    }

    /**
     * Called by {@link VmStart} once the instance exists: binds memory, the allocator exported as
     * {@code allocator} and the callbacks.
     */
    void bind(Instance instance, String allocator) {
        this.instance = instance;
        LoadedModule module = spec.module();
        boolean compiled = interpreter == null;
        memory.bind(instance);
        memory.allocator(GuestExport.of(instance, module, allocator, compiled));
        for (Callback cb : Callback.values()) {
            if (module.exportsFunction(cb.exportName())) {
                callbacks[cb.ordinal()] =
                        GuestExport.of(instance, module, cb.exportName(), compiled);
            }
        }
    }

    // ---- identity and state -----------------------------------------------------------------

    public String id() {
        return id;
    }

    public VmSpec spec() {
        return spec;
    }

    public Worker loop() {
        return loop;
    }

    public HostEnvironment env() {
        return env;
    }

    public AbiVersion abi() {
        return abi;
    }

    public State state() {
        return state;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    public String failure() {
        return failure;
    }

    public long streamsServed() {
        return streamsServed;
    }

    public int memoryPages() {
        return memory.pages();
    }

    public Collection<RootContext> roots() {
        return roots.values();
    }

    public boolean exports(Callback cb) {
        return callbacks[cb.ordinal()] != null;
    }

    Tracer tracer() {
        return trace.tracer();
    }

    Watchdog.Guard guard() {
        return guard;
    }

    Instance instance() {
        return instance;
    }

    VmHostcallContext hostcalls() {
        return hostcalls;
    }

    GuestMemory memory() {
        return memory;
    }

    public CalloutTokens callouts() {
        return callouts;
    }

    MetricIds metricIds() {
        return metricIds;
    }

    LineLogger stdout() {
        return stdout;
    }

    LineLogger stderr() {
        return stderr;
    }

    public void vmEvent(String what, String detail) {
        trace.vmEvent(what, detail);
    }

    VmTrace trace() {
        return trace;
    }

    /** The guest's last lines, for a start failure to quote. */
    GuestOutput output() {
        return output;
    }

    // ---- contexts ----------------------------------------------------------------------------

    public RootContext root(String pluginKey) {
        return roots.get(pluginKey);
    }

    /**
     * Creates the plugin's root context and starts it ({@link LifecycleCallbacks#startRoot}). A
     * false result or a trap rejects the plugin, quoting the guest's last lines.
     */
    public RootContext startRoot(PluginSpec plugin) {
        RootContext root = new RootContext(nextContextId++, this, plugin);
        contexts.put(root.id(), root);
        roots.put(plugin.key(), root);
        output.clear();
        try {
            LifecycleCallbacks.startRoot(root);
        } catch (FilterTrapException e) {
            roots.remove(plugin.key());
            throw new FilterStartException(
                    plugin.name() + ": the plugin trapped while starting: " + e.getMessage(),
                    output.lines(),
                    e.wasmStack());
        } catch (FilterStartException e) {
            roots.remove(plugin.key());
            throw new FilterStartException(e.getMessage(), output.lines(), List.of());
        }
        return root;
    }

    /** A new stream context under {@code root}; the guest learns of it on first use. */
    public StreamContext newStream(RootContext root, StreamCallbacks stream) {
        StreamContext ctx = new StreamContext(nextContextId++, this, root, stream);
        contexts.put(ctx.id(), ctx);
        streamsServed++;
        return ctx;
    }

    public void forget(Context ctx) {
        contexts.remove(ctx.id());
    }

    public Context context(int contextId) {
        return contexts.get(contextId);
    }

    // ---- calling the guest -------------------------------------------------------------------

    /**
     * Calls a callback the module exports (check {@link #exports} first) on {@code ctx}, with the
     * context id as its first argument, and returns its raw result. Extra arguments are dropped for
     * modules whose export takes fewer (ABI 0.1.0 headers callbacks take two). Stream-control
     * actions the guest requested run after the outermost call returns, as Envoy defers them.
     */
    public long call(Callback cb, Context ctx) throws FilterTrapException {
        return invoke(streamOf(ctx), cb, ctx, null, 1, 0, 0, 0, 0);
    }

    /** As {@link #call(Callback, Context)}, with one more argument. */
    public long call(Callback cb, Context ctx, long a1) throws FilterTrapException {
        return invoke(streamOf(ctx), cb, ctx, null, 2, a1, 0, 0, 0);
    }

    /** As {@link #call(Callback, Context)}, with two more arguments. */
    public long call(Callback cb, Context ctx, long a1, long a2) throws FilterTrapException {
        return invoke(streamOf(ctx), cb, ctx, null, 3, a1, a2, 0, 0);
    }

    /** As {@link #call(Callback, Context, long, long)}, with data readable during the call. */
    public long call(Callback cb, Context ctx, CallData data, long a1, long a2)
            throws FilterTrapException {
        return invoke(streamOf(ctx), cb, ctx, data, 3, a1, a2, 0, 0);
    }

    /**
     * A call on behalf of {@code stream} (null: none), with data and up to four arguments after the
     * context id: a root-context callback made for a stream (a callout's answer, an access log)
     * belongs to that stream's trace.
     */
    public long callFor(
            StreamCallbacks stream, Callback cb, Context ctx, CallData data, long... more)
            throws FilterTrapException {
        long[] a = Arrays.copyOf(more, 4);
        return invoke(stream, cb, ctx, data, 1 + more.length, a[0], a[1], a[2], a[3]);
    }

    /**
     * The one way into the guest: pushes the frame, calls the export with the context id and {@code
     * argc - 1} more arguments, traces it, pops the frame, and runs the deferred actions of the
     * outermost call.
     */
    private long invoke(
            StreamCallbacks stream,
            Callback cb,
            Context ctx,
            CallData data,
            int argc,
            long a1,
            long a2,
            long a3,
            long a4)
            throws FilterTrapException {
        MethodHandle f = callbacks[cb.ordinal()];
        if (f == null) {
            return 0;
        }
        // The stream's own tracer: a stream may be traced with less than the playground.
        Tracer tracer = stream == null ? trace.tracer() : stream.tracer();
        boolean traced = tracer.callbacks();
        long seq = traced ? tracer.nextSeq() : 0;
        CallFrame frame = push();
        frame.set(cb, ctx, stream, data, seq);
        long t0 = traced ? System.nanoTime() : 0;
        long result = 0;
        Throwable failed = null;
        boolean fired = false;
        try {
            FaultSpec fault = faultFor(cb, ctx);
            if (fault != null) {
                throw new Traps.InjectedFault(fault.call());
            }
            result = (long) f.invokeExact((long) ctx.id(), a1, a2, a3, a4);
        } catch (Throwable t) {
            failed = t;
        } finally {
            fired = pop();
        }
        if (traced) {
            long[] shown = new long[argc];
            fill(shown, ctx.id(), a1, a2, a3, a4);
            trace.callback(
                    seq,
                    stream,
                    ctx,
                    cb,
                    shown,
                    failed != null ? "trap" : cb.describe(result),
                    System.nanoTime() - t0);
        }
        if (failed != null) {
            afterCall.clear();
            throw fail(cb.exportName(), failed, fired);
        }
        if (depth == 0 && !afterCall.isEmpty()) {
            Runnable action;
            while ((action = afterCall.poll()) != null) {
                action.run();
            }
        }
        return result;
    }

    private static void fill(long[] into, long a0, long a1, long a2, long a3, long a4) {
        switch (into.length) {
            default:
                into[4] = a4;
            // fall through
            case 4:
                into[3] = a3;
            // fall through
            case 3:
                into[2] = a2;
            // fall through
            case 2:
                into[1] = a1;
            // fall through
            case 1:
                into[0] = a0;
            // fall through
            case 0:
                break;
        }
    }

    /** Pushes a frame; the outermost arms the watchdog. */
    CallFrame push() {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        CallFrame frame = frames[depth];
        if (frame == null) {
            frame = frames[depth] = new CallFrame();
        }
        if (depth++ == 0) {
            guard.arm();
        }
        return frame;
    }

    /**
     * Pops the top frame. The outermost disarms the watchdog (returning whether it fired) and
     * flushes the guest's partial output lines while the frame still says whose they are.
     */
    boolean pop() {
        boolean fired = false;
        if (depth == 1) {
            fired = guard.disarm();
            stdout.flush();
            stderr.flush();
        }
        frames[--depth].end();
        return fired;
    }

    /** The call in progress (an empty frame when none is). */
    CallFrame frame() {
        return depth == 0 ? idle : frames[depth - 1];
    }

    /** The fault the scenario injects into this call (its n-th of the callback here), or null. */
    private static FaultSpec faultFor(Callback cb, Context ctx) {
        RootContext root = ctx.root();
        FaultSpec fault = root == null ? null : root.plugin().fault();
        return fault != null && fault.callback() == cb && ++root.faultTargetCalls == fault.call()
                ? fault
                : null;
    }

    /** Marks the VM failed by {@code t} in {@code call} and says why. */
    FilterTrapException fail(String call, Throwable t, boolean watchdogFired) {
        String message = Traps.describe(t, watchdogFired, call, env.watchdog().limitMillis());
        state = State.FAILED;
        failure = message;
        trace.vmEvent("failed", message);
        return new FilterTrapException(message, Traps.wasmStack(t, spec.module(), interpreter), t);
    }

    /** Marks this VM stopped (replaced by a reload or shut down) and cancels its timers. */
    public void stop() {
        for (RootContext r : roots.values()) {
            r.setTickPeriod(0, null);
            for (var c : r.calls().values()) {
                c.cancel();
            }
        }
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
    }

    // ---- what hostcalls use, through VmHostcallContext -----------------------------------------

    /** proxy_set_effective_context: false when the id is unknown. */
    boolean setEffectiveContext(int contextId) {
        Context c = contexts.get(contextId);
        if (c == null) {
            return false;
        }
        frame().effective = c;
        return true;
    }

    /** Runs after the outermost guest call returns (Envoy's addAfterVmCallAction). */
    void afterCall(Runnable action) {
        if (depth > 0) {
            afterCall.add(action);
        } else {
            action.run();
        }
    }

    private static StreamCallbacks streamOf(Context ctx) {
        return ctx instanceof StreamContext s ? s.stream() : null;
    }

    @Override
    public String toString() {
        return id;
    }
}
