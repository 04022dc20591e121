package io.filterplayground.engine;

import io.filterplayground.engine.chain.HttpConnectionManager;
import io.filterplayground.engine.chain.HttpStream;
import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.filter.VmViewSource;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.lua.LuaChainFilter;
import io.filterplayground.engine.natives.NativeFilters;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.RealClock;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.Clusters;
import io.filterplayground.engine.upstream.HttpCluster;
import io.filterplayground.engine.upstream.MockCluster;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.VmSpec;
import io.filterplayground.engine.wasm.WasmChainFilter;
import io.filterplayground.engine.wasm.WasmVm;
import io.filterplayground.engine.wasm.WorkerVms;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The engine's facade: a running scenario. Starts the main thread and the workers, a VM per worker
 * per module, the services; sends requests to workers (round-robin unless pinned) and hands back
 * each {@link Exchange} with its trace. Thread-safe; never call blocking methods from a worker
 * thread.
 */
public final class Playground implements AutoCloseable {
    /** How to run: machine, trace detail. */
    public record Options(Machine machine, TraceDetail detail) {
        public static Options defaults() {
            return new Options(Machine.COMPILED, TraceDetail.FULL);
        }
    }

    private static final OkHttpClient HTTP =
            new OkHttpClient.Builder()
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(15, TimeUnit.SECONDS)
                    .build();

    private final Scenario scenario;
    private final Options options;
    private final Activity activity = new Activity();
    private final Tracer tracer;
    private final PlaygroundClock clock;
    private final Watchdog watchdog;
    private final Worker main;
    private final List<Worker> workers = new ArrayList<>();
    private final Clusters clusters;
    private final SharedData sharedData = new SharedData();
    private final SharedQueues queues = new SharedQueues();
    private final Metrics metrics = new Metrics();
    private final HostEnvironment env;
    private final List<ChainFilter> chain = new ArrayList<>();
    private final List<PluginSpec> services = new ArrayList<>();
    private final Set<String> singletons = ConcurrentHashMap.newKeySet();
    private final Map<Long, List<TraceEvent>> streamEvents = new ConcurrentHashMap<>();
    private final AtomicLong streamIds = new AtomicLong();
    private final AtomicInteger requestIndex = new AtomicInteger();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Object hcmKey = new Object();
    private volatile boolean closed;
    private final Debugger debugger = new Debugger();

    private Playground(Scenario scenario, Options options, TraceSink sink) {
        this.scenario = scenario;
        this.options = options;
        this.tracer =
                new Tracer(
                        event -> {
                            if (event.streamId() != 0) {
                                List<TraceEvent> list = streamEvents.get(event.streamId());
                                if (list != null) {
                                    list.add(event);
                                }
                            }
                            sink.accept(event);
                        },
                        options.detail());
        this.clock =
                scenario.clock() == Scenario.ClockMode.VIRTUAL
                        ? new VirtualClock(activity, startEpochNanos(scenario))
                        : new RealClock();
        this.watchdog = new Watchdog(scenario.callbackTimeoutMillis());
        this.main = new Worker(Worker.MAIN, activity, this::hostError);
        for (int i = 0; i < scenario.workers(); i++) {
            workers.add(new Worker(i, activity, this::hostError));
        }
        Map<String, Cluster> byName = new LinkedHashMap<>();
        for (ClusterSpec c : scenario.clusters().values()) {
            if (c.isTcp()) {
                continue; // TCP upstreams serve connections, not HTTP requests
            }
            byName.put(
                    c.name(),
                    c.mock() != null
                            ? new MockCluster(c.name(), c.mock(), clock)
                            : new HttpCluster(c.name(), HttpUrl.get(c.url()), HTTP, activity));
        }
        this.clusters = new Clusters(byName);
        this.env =
                new HostEnvironment(
                        tracer,
                        clock,
                        clusters,
                        sharedData,
                        queues,
                        metrics,
                        new Properties(scenario.properties()),
                        watchdog,
                        activity,
                        options.machine(),
                        scenario.maxMemoryPages(),
                        scenario.logLevel(),
                        scenario.seed());
    }

    private static long startEpochNanos(Scenario s) {
        java.time.Instant t = s.startTime();
        return t == null
                ? VirtualClock.START_EPOCH_NANOS
                : t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * Starts a scenario: loads its modules, runs Envoy's canary (each plugin started once on the
     * main thread), then starts every VM and root context on every worker, and the services. Throws
     * {@link EngineException} subclasses with plain messages; nothing keeps running then.
     */
    public static Playground start(Scenario scenario, Options options, TraceSink sink) {
        Playground p = new Playground(scenario, options, sink);
        try {
            p.build();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void build() {
        Map<String, VmSpec> vms = new LinkedHashMap<>();
        List<PluginSpec> wasmPlugins = new ArrayList<>();
        for (FilterSpec f : scenario.filters()) {
            if (!f.enabled()) {
                continue;
            }
            if (f instanceof WasmFilterSpec w) {
                WasmPlugin wp = w.plugin();
                VmSpec vm =
                        vmSpec(
                                vms,
                                w.name(),
                                wp.module(),
                                wp.vmId(),
                                wp.vmConfiguration(),
                                wp.environment());
                PluginSpec plugin =
                        plugin(
                                w.name(),
                                wp.rootId(),
                                wp.configuration(),
                                vm,
                                wp.failurePolicy(),
                                w.reloadBackoffMillis(),
                                w.allowOnHeadersStopIteration(),
                                false,
                                w.inject());
                if (w.inject() != null
                        && !vm.module().exportsFunction(w.inject().callback().exportName())) {
                    throw new FilterStartException(
                            w.name()
                                    + ": inject: "
                                    + wp.module().name()
                                    + " does not export "
                                    + w.inject().callback().exportName()
                                    + ", so Envoy never calls it and the fault could not happen");
                }
                wasmPlugins.add(plugin);
                chain.add(new WasmChainFilter(plugin, env));
            } else if (f instanceof LuaFilterSpec l) {
                chain.add(starting(l.name(), () -> new LuaChainFilter(l, env)));
            } else if (f instanceof NativeFilterSpec n) {
                chain.add(starting(n.name(), () -> NativeFilters.create(n, env)));
            }
        }
        for (ServiceSpec s : scenario.services()) {
            WasmPlugin sp = s.plugin();
            VmSpec vm =
                    vmSpec(
                            vms,
                            s.name(),
                            sp.module(),
                            sp.vmId(),
                            sp.vmConfiguration(),
                            sp.environment());
            services.add(
                    plugin(
                            s.name(),
                            sp.rootId(),
                            sp.configuration(),
                            vm,
                            sp.failurePolicy(),
                            1000,
                            false,
                            true,
                            null));
            if (s.singleton()) {
                singletons.add(s.name());
            }
        }
        if (scenario.canary()) {
            List<PluginSpec> all = new ArrayList<>(wasmPlugins);
            all.addAll(services);
            main.call(
                    () -> {
                        canary(all);
                        return null;
                    });
        }
        for (Worker w : workers) {
            w.call(
                    () -> {
                        for (ChainFilter f : chain) {
                            starting(f.name(), () -> f.start(w));
                        }
                        for (PluginSpec s : services) {
                            if (!singletons.contains(s.name())) {
                                starting(s.name(), () -> WorkerVms.of(w, env).root(s));
                            }
                        }
                        return null;
                    });
        }
        main.call(
                () -> {
                    for (PluginSpec s : services) {
                        if (singletons.contains(s.name())) {
                            starting(s.name(), () -> WorkerVms.of(main, env).root(s));
                        }
                    }
                    return null;
                });
    }

    /** Envoy's canary: every new plugin starts once on a throwaway VM before the workers. */
    private void canary(List<PluginSpec> plugins) {
        Watchdog.Guard guard = watchdog.newGuard();
        try {
            for (PluginSpec p : plugins) {
                starting(p.name(), () -> canary(p, guard));
            }
        } finally {
            watchdog.release(guard);
        }
    }

    private void canary(PluginSpec p, Watchdog.Guard guard) {
        WasmVm vm = WasmVm.create(p.vm().displayName() + "#canary", p.vm(), main, env, guard);
        try {
            RootContext root = vm.startRoot(p);
            vm.vmEvent(
                    "canary-passed",
                    p.name()
                            + ": on_vm_start and on_configure succeeded (root context "
                            + root.id()
                            + ")");
        } finally {
            vm.stop();
        }
    }

    /** Runs a start step of the filter or service {@code name}, naming it in a failure. */
    private static <T> T starting(String name, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (FilterStartException e) {
            throw e.forFilter(name);
        }
    }

    private static void starting(String name, Runnable step) {
        starting(
                name,
                () -> {
                    step.run();
                    return null;
                });
    }

    private VmSpec vmSpec(
            Map<String, VmSpec> vms,
            String owner,
            ModuleSource source,
            String vmId,
            String vmConfig,
            Map<String, String> environment) {
        LoadedModule module;
        try {
            module = ModuleCache.load(source.name(), source.bytes());
        } catch (ModuleLoadException e) {
            throw new ModuleLoadException(owner + ": " + e.getMessage(), e);
        }
        byte[] config = vmConfig.getBytes(StandardCharsets.UTF_8);
        String key = VmSpec.keyOf(vmId, config, module);
        return vms.computeIfAbsent(
                key,
                k ->
                        new VmSpec(
                                k,
                                vmId.isEmpty() ? owner : vmId,
                                module,
                                vmId,
                                config,
                                Map.copyOf(environment)));
    }

    private static PluginSpec plugin(
            String name,
            String rootId,
            String config,
            VmSpec vm,
            FailurePolicy policy,
            long backoff,
            boolean allowStop,
            boolean service,
            FaultSpec fault) {
        byte[] c = config.getBytes(StandardCharsets.UTF_8);
        return new PluginSpec(
                PluginSpec.keyOf(rootId, c, vm) + "/" + name,
                name,
                rootId,
                c,
                vm,
                policy,
                backoff,
                allowStop,
                service,
                fault);
    }

    // ---- requests ---------------------------------------------------------------------------

    public Scenario scenario() {
        return scenario;
    }

    public boolean virtualClock() {
        return clock.isVirtual();
    }

    /** The breakpoints of this playground's streams (none until set). */
    public Debugger debugger() {
        return debugger;
    }

    public Tracer tracer() {
        return tracer;
    }

    /**
     * Sends a request through the chain on a worker ({@code worker} null: round-robin). The future
     * completes when the stream is over (response, reset, or expired by {@link
     * #expireOpenStreams}).
     */
    public CompletableFuture<Exchange> send(String name, HttpRequest request, Integer worker) {
        if (closed) {
            throw new EngineException("the playground is closed");
        }
        int idx =
                worker != null
                        ? Math.floorMod(worker, workers.size())
                        : Math.floorMod(roundRobin.getAndIncrement(), workers.size());
        Worker w = workers.get(idx);
        int index = requestIndex.getAndIncrement();
        long id = streamIds.incrementAndGet();
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        streamEvents.put(id, new ArrayList<>());
        w.execute(
                () -> {
                    HttpConnectionManager hcm = w.local(hcmKey, () -> connectionManager(w));
                    long t0 = System.nanoTime();
                    hcm.newStream(
                            id,
                            request,
                            s -> {
                                long total = System.nanoTime() - t0;
                                // Finish on a later task, so events emitted by the call that
                                // ended the stream (a callout reply, say) are part of its trace.
                                w.execute(
                                        () ->
                                                done.complete(
                                                        exchange(s, index, name, request, total)));
                            });
                });
        return done;
    }

    /**
     * The stream id of the latest {@link #send} (0 before the first). A caller that sends from one
     * thread reads it right after {@code send} to follow that stream's events live, before it ends.
     */
    public long lastStreamId() {
        return streamIds.get();
    }

    /** The worker's connection manager, made once: the chain is the same for every stream. */
    private HttpConnectionManager connectionManager(Worker w) {
        List<HttpConnectionManager.Named> factories = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            factories.add(
                    new HttpConnectionManager.Named(
                            chain.get(i).name(), i, chain.get(i).factory(w)));
        }
        return new HttpConnectionManager(
                w,
                new HttpConnectionManager.Config(
                        tracer,
                        clock,
                        debugger,
                        scenario.route(),
                        clusters.get(scenario.route()),
                        scenario.bufferLimitBytes(),
                        scenario.seed()),
                factories,
                List.of());
    }

    private Exchange exchange(
            HttpStream s, int index, String name, HttpRequest request, long totalNanos) {
        List<TraceEvent> events = streamEvents.remove(s.id());
        if (events == null) {
            events = new ArrayList<>();
        }
        events.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return new Exchange(
                s.id(),
                index,
                name,
                s.worker().name(),
                request,
                s.response(),
                s.upstreamRequest(),
                Collections.unmodifiableList(events),
                s.filterNanos(),
                totalNanos);
    }

    /** Moves the virtual clock, firing due timers on their loops. No-op on a real clock. */
    public void advance(long millis) throws InterruptedException {
        if (clock instanceof VirtualClock v) {
            v.advance(millis * 1_000_000L);
        }
    }

    /** Waits until no task runs or waits anywhere; false on timeout. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return activity.awaitIdle(timeoutMillis);
    }

    public boolean idle() {
        return activity.isIdle();
    }

    /** Timers armed on the clock (ticks, delayed mocks). */
    public int armedTimers() {
        return clock.armedTimers();
    }

    /** Streams still paused: Envoy's idle timeout ends them (408, or a reset). */
    public void expireOpenStreams() throws InterruptedException {
        for (Worker w : workers) {
            w.execute(() -> connectionManager(w, HttpConnectionManager::expireOpenStreams));
        }
        activity.awaitIdle(30_000);
    }

    /** Runs {@code action} on the worker's connection manager, if it has one yet. */
    private void connectionManager(Worker w, Consumer<HttpConnectionManager> action) {
        HttpConnectionManager hcm = w.localOrNull(hcmKey);
        if (hcm != null) {
            action.accept(hcm);
        }
    }

    // ---- state ------------------------------------------------------------------------------

    /** The VMs of every thread (asked on each thread), metrics, shared data and queues. */
    public PlaygroundSnapshot snapshot() {
        List<VmView> views = new ArrayList<>();
        List<Worker> threads = new ArrayList<>();
        threads.add(main);
        threads.addAll(workers);
        for (Worker w : threads) {
            if (closed) {
                break;
            }
            try {
                views.addAll(w.submit(() -> vmViews(w)).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                views.add(
                        new VmView(
                                "?#" + w.tag(),
                                "unknown",
                                w.name(),
                                "?",
                                "",
                                "busy",
                                List.of(),
                                0,
                                0,
                                "the thread did not answer in time"));
            }
        }
        return new PlaygroundSnapshot(views, metrics.rows(), sharedData.rows(), queues.rows());
    }

    private List<VmView> vmViews(Worker w) {
        List<VmView> out = new ArrayList<>();
        WorkerVms vms = w.localOrNull(WorkerVms.class);
        if (vms != null) {
            for (WasmVm vm : vms.vms()) {
                List<VmView.RootView> roots = new ArrayList<>();
                for (RootContext r : vm.roots()) {
                    roots.add(
                            new VmView.RootView(
                                    r.plugin().name(),
                                    r.plugin().rootId(),
                                    r.id(),
                                    r.tickPeriodMillis()));
                }
                out.add(
                        new VmView(
                                vm.id(),
                                "wasm",
                                w.name(),
                                vm.spec().module().name(),
                                vm.spec().vmId(),
                                vm.state().name().toLowerCase(java.util.Locale.ROOT),
                                roots,
                                vm.streamsServed(),
                                vm.memoryPages(),
                                vm.failure()));
            }
        }
        for (Object local : w.locals()) {
            if (local instanceof VmViewSource src) {
                out.addAll(src.views());
            }
        }
        return out;
    }

    private void hostError(Throwable t) {
        tracer.emit(
                new StreamEvent(
                        tracer.nextSeq(),
                        0,
                        Tracer.thread(),
                        "host_error",
                        null,
                        String.valueOf(t)));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A worker stopped at a breakpoint goes on, so that its streams can be reset.
        debugger.releaseAll();
        // Streams still open are reset first, each on its worker; their exchanges complete on a
        // task those workers run before the loops stop below.
        List<CompletableFuture<Object>> resets = new ArrayList<>();
        for (Worker w : workers) {
            resets.add(
                    w.submit(
                            () -> {
                                connectionManager(w, HttpConnectionManager::shutdown);
                                return null;
                            }));
        }
        try {
            CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A worker stuck in a guest call past the watchdog: close anyway.
        }
        List<Worker> all = new ArrayList<>(workers);
        all.add(main);
        for (Worker w : all) {
            w.execute(
                    () -> {
                        WorkerVms vms = w.localOrNull(WorkerVms.class);
                        if (vms != null) {
                            vms.close();
                        }
                    });
            w.close();
        }
        for (Worker w : all) {
            try {
                w.awaitTermination(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clock.close();
        watchdog.close();
    }
}
