package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.filterplayground.engine.abi.AbiVersion;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.error.LinkException;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.VmEvent;
import io.filterplayground.engine.wasm.host.HostImports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Chicory instance of a module on one thread: Envoy's per-worker VM. Owns the contexts created
 * in it, calls the guest's callbacks (timed, watched by the watchdog, traced), and gives hostcalls
 * bounds-checked access to guest memory. Only its owner thread touches it.
 *
 * <p>A trap marks the whole VM failed (proxy-wasm-abi §4.11); the caller applies the plugin's
 * failure policy.
 */
public final class WasmVm {
    /** Where a VM is in its life. */
    public enum State {
        RUNNING,
        FAILED,
        STOPPED
    }

    private static final Pattern COMPILED_FRAME = Pattern.compile("func_(\\d+)");

    private final String id;
    private final VmSpec spec;
    private final Worker loop;
    private final HostEnvironment env;
    private final Tracer tracer;
    private final Watchdog.Guard guard;
    private final AbiVersion abi;
    private final ExportFunction[] callbacks = new ExportFunction[Callback.values().length];
    private final int[] arity = new int[Callback.values().length];
    private final Map<Integer, Context> contexts = new HashMap<>();
    private final Map<String, RootContext> roots = new LinkedHashMap<>();
    private final ArrayDeque<Runnable> afterCall = new ArrayDeque<>();
    private final Map<Integer, Metrics.Metric> metrics = new HashMap<>();

    /** The stream each pending callout was made for (its filter's callbacks), by token. */
    private final Map<Integer, FilterCallbacks> calloutStreams = new HashMap<>();

    private final LineLogger stdout;
    private final LineLogger stderr;
    private final GuestOutput output = new GuestOutput();

    private Instance instance;

    /** The interpreter when this VM runs on it (null on the compiled machine), for trap stacks. */
    private StackKeepingInterpreter interpreter;

    private Memory memory;
    private ExportFunction allocator;
    private State state = State.RUNNING;
    private String failure;
    private int nextContextId = 1;
    private Context current;
    private Context effective;
    private Callback currentCallback;
    private long currentSeq;
    private FilterCallbacks currentStream;
    private int depth;
    private long streamsServed;
    private int httpCallTokens;
    private int grpcCallTokens = 1;
    private int grpcStreamTokens = 2;
    private int counterIds;
    private int gaugeIds = 1;
    private int histogramIds = 2;

    private WasmVm(String id, VmSpec spec, Worker loop, HostEnvironment env, Watchdog.Guard guard) {
        this.id = id;
        this.spec = spec;
        this.loop = loop;
        this.env = env;
        this.tracer = env.tracer();
        this.guard = guard;
        this.abi = spec.module().abi();
        this.stdout = new LineLogger(this, LogLevel.INFO);
        this.stderr = new LineLogger(this, LogLevel.ERROR);
    }

    /**
     * Instantiates the module on {@code loop}'s thread and runs its start function ({@code
     * _initialize} then {@code main}, or {@code _start}). Throws {@link FilterStartException} or
     * {@link LinkException} with a plain message when the module cannot run here.
     */
    public static WasmVm create(
            String id, VmSpec spec, Worker loop, HostEnvironment env, Watchdog.Guard guard) {
        WasmVm vm = new WasmVm(id, spec, loop, env, guard);
        vm.instantiate();
        return vm;
    }

    private void instantiate() {
        LoadedModule module = spec.module();
        if (abi == null) {
            throw new FilterStartException(
                    module.name()
                            + ": Missing or unknown Proxy-Wasm ABI version (the module exports no"
                            + " proxy_abi_version_0_1_0, _0_2_0 or _0_2_1 marker)");
        }
        ImportValues imports = HostImports.link(this);
        int cap = env.maxMemoryPages();
        Instance.Builder b =
                Instance.builder(module.wasm())
                        .withImportValues(imports)
                        .withStart(false)
                        .withMemoryFactory(
                                limits ->
                                        new ByteArrayMemory(
                                                new MemoryLimits(
                                                        limits.initialPages(),
                                                        Math.min(limits.maximumPages(), cap))));
        if (env.machine() == Machine.COMPILED) {
            b.withMachineFactory(module.compiledMachine());
        } else {
            b.withMachineFactory(i -> interpreter = new StackKeepingInterpreter(i));
        }
        try {
            instance = b.build();
        } catch (EngineException e) {
            throw e;
        } catch (ChicoryException | StackOverflowError | IllegalArgumentException e) {
            throw new FilterStartException(
                    module.name()
                            + ": cannot instantiate: "
                            + LoadedModule.plain(String.valueOf(e.getMessage())));
        }
        memory = instance.memory();
        if (memory == null) {
            throw new FilterStartException(module.name() + ": the module has no linear memory");
        }
        for (Callback cb : Callback.values()) {
            FunctionType t = module.exportType(cb.exportName());
            if (t != null) {
                callbacks[cb.ordinal()] = instance.export(cb.exportName());
                arity[cb.ordinal()] = t.params().size();
            }
        }
        // Envoy (cpp-host) looks up malloc first, then proxy_on_memory_allocate.
        if (module.exportsFunction("malloc")) {
            allocator = instance.export("malloc");
        } else if (module.exportsFunction("proxy_on_memory_allocate")) {
            allocator = instance.export("proxy_on_memory_allocate");
        } else {
            throw new FilterStartException(
                    module.name()
                            + ": exports neither malloc nor proxy_on_memory_allocate, so the host"
                            + " cannot hand it data (Envoy: \"missing malloc\")");
        }
        vmEvent(
                "created",
                module.name() + ", ABI " + abi.version() + ", " + env.machine().displayName());
        runStart(module);
    }

    private void runStart(LoadedModule module) {
        String start =
                module.exportsFunction("_initialize")
                        ? "_initialize"
                        : module.exportsFunction("_start") ? "_start" : null;
        if (start == null) {
            vmEvent("started", "no _initialize or _start export");
            return;
        }
        guard.arm();
        depth++;
        try {
            instance.export(start).apply();
            if (start.equals("_initialize") && module.exportsFunction("main")) {
                FunctionType t = module.exportType("main");
                instance.export("main").apply(new long[t.params().size()]);
            }
            vmEvent("started", start + " ran");
        } catch (WasiExitException e) {
            // Some SDKs exit from _start on purpose; the instance stays usable.
            vmEvent("started", start + " called proc_exit(" + e.exitCode() + ")");
        } catch (Throwable t) {
            boolean fired = guard.fired();
            stdout.flush();
            stderr.flush();
            throw new FilterStartException(
                    module.name() + ": " + start + " failed: " + describe(t, fired, start),
                    output.lines(),
                    wasmStack(t));
        } finally {
            depth--;
            guard.disarm();
            stdout.flush();
            stderr.flush();
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
        return memory == null ? 0 : memory.pages();
    }

    public Collection<RootContext> roots() {
        return roots.values();
    }

    public boolean exports(Callback cb) {
        return callbacks[cb.ordinal()] != null;
    }

    // ---- contexts ----------------------------------------------------------------------------

    public RootContext root(String pluginKey) {
        return roots.get(pluginKey);
    }

    /**
     * Creates the plugin's root context: {@code on_context_create}, {@code on_vm_start}, {@code
     * on_configure} (Envoy runs on_vm_start for every root context). A false result or a trap
     * rejects the plugin.
     */
    public RootContext startRoot(PluginSpec plugin) {
        RootContext root = new RootContext(nextContextId++, this, plugin);
        contexts.put(root.id(), root);
        roots.put(plugin.key(), root);
        output.clear();
        try {
            call(Callback.CONTEXT_CREATE, root, root.id(), 0);
            if (exports(Callback.VM_START)
                    && call(Callback.VM_START, root, root.id(), spec.vmConfiguration().length)
                            == 0) {
                throw rejected(plugin, "proxy_on_vm_start returned false");
            }
            if (exports(Callback.CONFIGURE)
                    && call(Callback.CONFIGURE, root, root.id(), plugin.configuration().length)
                            == 0) {
                throw rejected(
                        plugin,
                        "proxy_on_configure returned false: the plugin rejected its configuration");
            }
        } catch (FilterTrapException e) {
            roots.remove(plugin.key());
            throw new FilterStartException(
                    plugin.name() + ": the plugin trapped while starting: " + e.getMessage(),
                    output.lines(),
                    e.wasmStack());
        }
        root.configured = true;
        vmEvent(
                "configured",
                plugin.name()
                        + " (root_id \""
                        + plugin.rootId()
                        + "\", context "
                        + root.id()
                        + ")");
        return root;
    }

    private FilterStartException rejected(PluginSpec plugin, String why) {
        roots.remove(plugin.key());
        return new FilterStartException(plugin.name() + ": " + why, output.lines(), List.of());
    }

    /** A new stream context under {@code root}; the guest learns of it on first use. */
    public StreamContext newStream(RootContext root, FilterCallbacks stream) {
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
     * Calls a callback the module exports (check {@link #exports} first) on behalf of {@code ctx}
     * and returns its raw result. Extra arguments are dropped for modules whose export takes fewer
     * (ABI 0.1.0 headers callbacks take two). Stream-control actions the guest requested run after
     * the outermost call returns, as Envoy defers them.
     */
    public long call(Callback cb, Context ctx, long... args) throws FilterTrapException {
        return call(streamOf(ctx), cb, ctx, args);
    }

    /**
     * As {@link #call(Callback, Context, long...)}, on behalf of {@code stream} (null: none): a
     * root-context callback made for a stream (a callout reply) belongs to that stream's trace.
     */
    long call(FilterCallbacks stream, Callback cb, Context ctx, long... args)
            throws FilterTrapException {
        ExportFunction f = callbacks[cb.ordinal()];
        if (f == null) {
            return 0;
        }
        int n = arity[cb.ordinal()];
        long[] callArgs = args.length == n ? args : java.util.Arrays.copyOf(args, n);
        Context prevCurrent = current;
        Context prevEffective = effective;
        Callback prevCallback = currentCallback;
        long prevSeq = currentSeq;
        FilterCallbacks prevStream = currentStream;
        boolean trace = tracer.callbacks();
        long seq = trace ? tracer.nextSeq() : 0;
        current = ctx;
        effective = null;
        currentCallback = cb;
        currentSeq = seq;
        currentStream = stream;
        if (depth++ == 0) {
            guard.arm();
        }
        long t0 = trace ? System.nanoTime() : 0;
        long result = 0;
        Throwable failed = null;
        boolean fired = false;
        try {
            FaultSpec fault = faultFor(cb, ctx);
            if (fault != null) {
                throw new InjectedFault(fault);
            }
            long[] r = f.apply(callArgs);
            result = r == null || r.length == 0 ? 0 : r[0];
        } catch (Throwable t) {
            failed = t;
        } finally {
            if (--depth == 0) {
                fired = guard.disarm();
                stdout.flush();
                stderr.flush();
            }
            current = prevCurrent;
            effective = prevEffective;
            currentCallback = prevCallback;
            currentSeq = prevSeq;
            currentStream = prevStream;
        }
        if (trace) {
            long dt = System.nanoTime() - t0;
            tracer.emit(
                    new CallbackEvent(
                            seq,
                            stream == null ? 0 : stream.streamId(),
                            Tracer.thread(),
                            ctx.owner(),
                            id,
                            ctx.id(),
                            cb.exportName(),
                            args(cb, args),
                            failed != null ? "trap" : cb.describe(result),
                            dt));
        }
        if (failed != null) {
            afterCall.clear();
            throw fail(cb, failed, fired);
        }
        if (depth == 0) {
            Runnable action;
            while ((action = afterCall.poll()) != null) {
                action.run();
            }
        }
        return result;
    }

    /** The fault the scenario injects into this call (its n-th of the callback here), or null. */
    private static FaultSpec faultFor(Callback cb, Context ctx) {
        RootContext root = ctx.root();
        FaultSpec fault = root == null ? null : root.plugin().fault();
        return fault != null && fault.callback() == cb && ++root.faultTargetCalls == fault.call()
                ? fault
                : null;
    }

    /** The trap a {@link FaultSpec} stands for: the guest does not run. */
    private static final class InjectedFault extends RuntimeException {
        InjectedFault(FaultSpec fault) {
            super(
                    "injected fault (the filter's inject: makes call "
                            + fault.call()
                            + " on this VM trap)",
                    null,
                    false,
                    false);
        }
    }

    private static Map<String, Object> args(Callback cb, long[] args) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] names = cb.argNames();
        for (int i = 0; i < args.length && i < names.length; i++) {
            Object v =
                    names[i].equals("end_of_stream") ? (Object) (args[i] != 0) : (Object) args[i];
            m.put(names[i], v);
        }
        return m;
    }

    private FilterTrapException fail(Callback cb, Throwable t, boolean fired) {
        String message = describe(t, fired, cb.exportName());
        state = State.FAILED;
        failure = message;
        vmEvent("failed", message);
        return new FilterTrapException(message, wasmStack(t), t);
    }

    private String describe(Throwable t, boolean fired, String callback) {
        if (t instanceof ChicoryInterruptedException || (fired && t instanceof ChicoryException)) {
            return "watchdog: "
                    + callback
                    + " ran longer than "
                    + env.watchdog().limitMillis()
                    + " ms and was interrupted";
        }
        if (t instanceof WasiExitException e) {
            return "the module called proc_exit(" + e.exitCode() + ") in " + callback;
        }
        if (t instanceof GuestAbort a) {
            return "abort: " + a.getMessage();
        }
        if (t instanceof InjectedFault) {
            return "trap in " + callback + ": " + t.getMessage();
        }
        if (t instanceof TrapException || t instanceof ChicoryException) {
            return "trap in " + callback + ": " + LoadedModule.plain(t.getMessage());
        }
        if (t instanceof StackOverflowError) {
            return "trap in " + callback + ": call stack exhausted (deep recursion)";
        }
        if (t instanceof OutOfMemoryError) {
            return "trap in " + callback + ": the host ran out of memory";
        }
        return "host error in " + callback + ": " + t;
    }

    /**
     * The Wasm functions that were running when {@code t} was thrown, innermost first: from the
     * interpreter's shadow stack, or from the compiled machine's JVM frames.
     */
    private List<String> wasmStack(Throwable t) {
        List<String> frames = new ArrayList<>();
        if (interpreter != null) {
            for (int idx : interpreter.stackAt(t)) {
                // Host functions are left out, as the compiled machine's frames leave them out.
                if (frames.size() < 20 && !spec.module().importsFunction(idx)) {
                    frames.add(spec.module().functionName(idx));
                }
            }
            return frames;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (frames.size() >= 20) {
                break;
            }
            if (!e.getClassName().contains("$gen") && !e.getClassName().contains("Compiled")) {
                continue;
            }
            Matcher m = COMPILED_FRAME.matcher(e.getMethodName());
            if (m.matches()) {
                int idx = Integer.parseInt(m.group(1));
                String name = spec.module().functionName(idx);
                if (frames.isEmpty() || !frames.get(frames.size() - 1).equals(name)) {
                    frames.add(name);
                }
            }
        }
        return frames;
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

    // ---- what hostcalls use ------------------------------------------------------------------

    /** Binds the instance early: hostcalls may run from the module's start section. */
    public void attach(Instance inst) {
        if (instance == null) {
            instance = inst;
            memory = inst.memory();
        }
    }

    /** The context hostcalls act on: the effective context if one was set, else the current one. */
    public Context context() {
        return effective != null ? effective : current;
    }

    public Callback currentCallback() {
        return currentCallback;
    }

    /** proxy_set_effective_context: false when the id is unknown. */
    public boolean setEffectiveContext(int contextId) {
        Context c = contexts.get(contextId);
        if (c == null) {
            return false;
        }
        effective = c;
        return true;
    }

    /** Runs after the outermost guest call returns (Envoy's deferAfterCallActions). */
    public void afterCall(Runnable action) {
        if (depth > 0) {
            afterCall.add(action);
        } else {
            action.run();
        }
    }

    public byte[] read(int ptr, int len) {
        long p = ptr & 0xffffffffL;
        long l = len & 0xffffffffL;
        if (l > io.filterplayground.engine.abi.Limits.MAX_COPY_BYTES || p + l > memorySize()) {
            throw MemoryFault.INSTANCE;
        }
        return memory.readBytes((int) p, (int) l);
    }

    public String readString(int ptr, int len) {
        return new String(read(ptr, len), StandardCharsets.UTF_8);
    }

    public void writeU32(int ptr, int value) {
        check(ptr, 4);
        memory.writeI32(ptr, value);
    }

    public void writeU64(int ptr, long value) {
        check(ptr, 8);
        memory.writeLong(ptr, value);
    }

    public void write(int ptr, byte[] data) {
        check(ptr, data.length);
        memory.write(ptr, data);
    }

    public int readU32(int ptr) {
        check(ptr, 4);
        return memory.readInt(ptr);
    }

    /**
     * Hands bytes to the guest: allocates with its allocator, copies, and writes the pointer and
     * length at {@code ptrPtr} / {@code sizePtr}. Empty values are {@code (0, 0)} without calling
     * the allocator, as cpp-host does.
     */
    public void returnBytes(byte[] data, int ptrPtr, int sizePtr) {
        check(ptrPtr, 4);
        check(sizePtr, 4);
        if (data.length == 0) {
            memory.writeI32(ptrPtr, 0);
            memory.writeI32(sizePtr, 0);
            return;
        }
        int ptr = allocate(data.length);
        write(ptr, data);
        memory.writeI32(ptrPtr, ptr);
        memory.writeI32(sizePtr, data.length);
    }

    /** Calls the guest allocator; a zero result is an invalid memory access for the hostcall. */
    public int allocate(int size) {
        long[] r = allocator.apply(size);
        int ptr = r == null || r.length == 0 ? 0 : (int) r[0];
        if (ptr == 0) {
            throw MemoryFault.INSTANCE;
        }
        return ptr;
    }

    private long memorySize() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** Bounds-checks a guest range without copying it. */
    public void check(int ptr, int len) {
        long p = ptr & 0xffffffffL;
        if (p + (len & 0xffffffffL) > memorySize()) {
            throw MemoryFault.INSTANCE;
        }
    }

    /** A token for an HTTP callout made now, remembering the stream it is made for. */
    public int nextHttpCallToken() {
        httpCallTokens += 4;
        return remember(httpCallTokens);
    }

    public int nextGrpcCallToken() {
        grpcCallTokens += 4;
        return remember(grpcCallTokens);
    }

    public int nextGrpcStreamToken() {
        grpcStreamTokens += 4;
        return remember(grpcStreamTokens);
    }

    private int remember(int token) {
        FilterCallbacks stream = stream();
        if (stream != null) {
            calloutStreams.put(token, stream);
        }
        return token;
    }

    /** The stream that made the callout with this token, or null. */
    FilterCallbacks calloutStream(int token) {
        return calloutStreams.get(token);
    }

    /** As {@link #calloutStream}, and forgets it: the callout is over. */
    FilterCallbacks takeCalloutStream(int token) {
        return calloutStreams.remove(token);
    }

    /** Metric ids: low two bits are the type, each definition advances by 4 (cpp-host). */
    public int defineMetric(Metrics.Metric metric) {
        int idValue =
                switch (metric.type()) {
                    case COUNTER -> counterIds += 4;
                    case GAUGE -> gaugeIds += 4;
                    case HISTOGRAM -> histogramIds += 4;
                };
        metrics.put(idValue, metric);
        return idValue;
    }

    public Metrics.Metric metric(int metricId) {
        return metrics.get(metricId);
    }

    /** The HTTP stream the running call concerns (0 when none), for attaching events. */
    public long streamId() {
        FilterCallbacks s = stream();
        return s == null ? 0 : s.streamId();
    }

    /** The HTTP stream the running call concerns, or null. */
    private FilterCallbacks stream() {
        return context() instanceof StreamContext s ? s.stream() : currentStream;
    }

    private static FilterCallbacks streamOf(Context ctx) {
        return ctx instanceof StreamContext s ? s.stream() : null;
    }

    public String owner() {
        Context c = context();
        return c == null ? spec.displayName() : c.owner();
    }

    public Tracer tracer() {
        return tracer;
    }

    // ---- tracing helpers ---------------------------------------------------------------------

    /** Records a hostcall and returns its status code. {@code kv} alternates names and values. */
    public int hostcall(String name, WasmResult result, Object... kv) {
        if (tracer.details()) {
            emitHostcall(name, result, null, kv);
        }
        return result.code();
    }

    /** As {@link #hostcall}, with a plain-words explanation of a surprising outcome. */
    public int hostcallHint(String name, WasmResult result, String hint, Object... kv) {
        if (tracer.details()) {
            emitHostcall(name, result, hint, kv);
        }
        return result.code();
    }

    private void emitHostcall(String name, WasmResult result, String hint, Object[] kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        Context c = context();
        tracer.emit(
                new HostCallEvent(
                        tracer.nextSeq(),
                        currentSeq,
                        streamId(),
                        Tracer.thread(),
                        owner(),
                        id,
                        c == null ? 0 : c.id(),
                        name,
                        args,
                        result.displayName(),
                        hint));
    }

    /**
     * Whether a line at this level is recorded: Envoy drops lines below its level; the full trace
     * keeps them (marked suppressed), to answer "where are my logs?".
     */
    public boolean records(LogLevel level) {
        return level.code() >= env.logLevel().code() || tracer.details();
    }

    /** A log line from the guest; lines below the host's level are kept but marked suppressed. */
    public void log(LogLevel level, String message) {
        boolean suppressed = level.code() < env.logLevel().code();
        if (!suppressed) {
            output.add(level, message);
        }
        Context c = context();
        tracer.emit(
                new LogEvent(
                        tracer.nextSeq(),
                        currentSeq,
                        streamId(),
                        Tracer.thread(),
                        owner(),
                        id,
                        c == null ? 0 : c.id(),
                        level,
                        message,
                        suppressed));
    }

    public void vmEvent(String what, String detail) {
        tracer.emit(
                new VmEvent(
                        tracer.nextSeq(),
                        0,
                        Tracer.thread(),
                        id,
                        spec.module().name(),
                        what,
                        detail));
    }

    public LineLogger stdout() {
        return stdout;
    }

    public LineLogger stderr() {
        return stderr;
    }

    /** Thrown inside hostcalls for an out-of-bounds guest pointer or a failed allocation. */
    public static final class MemoryFault extends RuntimeException {
        static final MemoryFault INSTANCE = new MemoryFault();

        private MemoryFault() {
            super("invalid memory access", null, false, false);
        }
    }

    /** An AssemblyScript {@code abort} (or similar) with the guest's own message. */
    public static final class GuestAbort extends RuntimeException {
        public GuestAbort(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
