package io.filterplayground.engine.harness;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.Limits;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.RealClock;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.upstream.Clusters;
import io.filterplayground.engine.upstream.MockCluster;
import io.filterplayground.engine.upstream.MockSpec;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.VmSpec;
import io.filterplayground.engine.wasm.WasmVm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives one Proxy-Wasm module callback by callback, the way Envoy would, on the calling thread —
 * in the spirit of the Go SDK's {@code proxytest} and the Rust SDK's test framework. It loads the
 * module into a real VM of the playground's host (same hostcalls, same memory rules, same
 * watchdog), starts the plugin's root context ({@code on_vm_start}, {@code on_configure}), and
 * hands out {@link HttpContext}s (and {@link NetworkContext}s for a network filter) whose callbacks
 * you call yourself; then you read back headers, bodies, local responses, logs, hostcalls and
 * metrics.
 *
 * <pre>{@code
 * try (HostHarness host =
 *         HostHarness.builder("add_header.wasm", Files.readAllBytes(path))
 *                 .rootId("add_header")
 *                 .configuration("{\"request\": {\"x-a\": \"1\"}}")
 *                 .build()) {
 *     HttpContext http = host.newHttpContext();
 *     Action a = http.onRequestHeaders(Headers.of(":path", "/", ":method", "GET"), true);
 *     assertThat(a).isEqualTo(Action.CONTINUE);
 *     assertThat(http.requestHeaders().first("x-a")).contains("1");
 *     http.complete(); // on_log, on_done, on_delete
 *     assertThat(host.logs()).isNotEmpty();
 * }
 * }</pre>
 *
 * <p>Everything runs on the thread that built the harness: call it from that thread only. A trap is
 * thrown as {@link FilterTrapException}; the VM is then failed, as in Envoy. Callout answers from
 * mock clusters and ticks arrive when the test calls {@link #runPending} or {@link #advance}.
 */
public final class HostHarness implements AutoCloseable {
    private final Worker worker;
    private final Activity activity;
    private final PlaygroundClock clock;
    private final Watchdog watchdog;
    private final HostEnvironment env;
    private final Metrics metrics;
    private final SharedData sharedData;
    private final List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final boolean keepEvents;
    private final WasmVm vm;
    private final RootContext root;
    private long streams;

    private HostHarness(Builder b) {
        activity = new Activity();
        worker = Worker.drivenByCaller(0, activity, t -> {});
        clock = b.virtualClock ? new VirtualClock(activity) : new RealClock();
        watchdog = new Watchdog(b.callbackTimeoutMillis);
        metrics = new Metrics();
        sharedData = new SharedData();
        keepEvents = b.keepEvents;
        Tracer tracer =
                new Tracer(
                        keepEvents ? events::add : io.filterplayground.engine.trace.TraceSink.NONE,
                        b.trace);
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        b.clusters.forEach((name, spec) -> clusters.put(name, new MockCluster(name, spec, clock)));
        env =
                new HostEnvironment(
                        tracer,
                        clock,
                        new Clusters(clusters),
                        sharedData,
                        new SharedQueues(),
                        metrics,
                        new Properties(b.properties),
                        watchdog,
                        activity,
                        b.machine,
                        b.maxMemoryPages,
                        b.logLevel,
                        b.seed);
        LoadedModule module = ModuleCache.load(b.name, b.wasm);
        byte[] vmConfig = b.vmConfiguration.getBytes(StandardCharsets.UTF_8);
        VmSpec spec =
                new VmSpec(
                        VmSpec.keyOf(b.vmId, vmConfig, module),
                        b.vmId.isEmpty() ? b.name : b.vmId,
                        module,
                        b.vmId,
                        vmConfig,
                        Map.of());
        byte[] config = b.configuration.getBytes(StandardCharsets.UTF_8);
        PluginSpec plugin =
                new PluginSpec(
                        PluginSpec.keyOf(b.rootId, config, spec),
                        b.name,
                        b.rootId,
                        config,
                        spec,
                        FailurePolicy.FAIL_CLOSED,
                        1000,
                        b.allowOnHeadersStopIteration,
                        false,
                        null);
        try {
            vm =
                    worker.call(
                            () ->
                                    WasmVm.create(
                                            b.name + "#harness",
                                            spec,
                                            worker,
                                            env,
                                            watchdog.newGuard()));
            root = worker.call(() -> vm.startRoot(plugin));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A harness for {@code wasm}, named {@code name} in traces. */
    public static Builder builder(String name, byte[] wasm) {
        return new Builder(name, wasm);
    }

    /** A new HTTP stream context under the plugin's root context. */
    public HttpContext newHttpContext() {
        return new HttpContext(this, ++streams);
    }

    /** A new TCP connection's stream context under the plugin's root context. */
    public NetworkContext newNetworkContext() {
        return new NetworkContext(this, ++streams);
    }

    /** The plugin's root context id. */
    public int rootContextId() {
        return root.id();
    }

    /** Calls {@code proxy_on_tick} on the root context now. */
    public void tick() {
        worker.call(
                () -> {
                    vm.call(Callback.TICK, root);
                    return null;
                });
    }

    /**
     * Moves the virtual clock by {@code millis}: due ticks and delayed mock answers run, in order.
     */
    public void advance(long millis) throws InterruptedException {
        if (!(clock instanceof VirtualClock v)) {
            throw new IllegalStateException("advance needs the virtual clock (the default)");
        }
        v.advance(millis * 1_000_000L);
        worker.runPending();
    }

    /** Runs what was posted to the VM's loop (callout answers, queue notifications). */
    public void runPending() {
        worker.runPending();
    }

    /** Runs posted work, waiting for real upstreams, until nothing is in flight. */
    public boolean runUntilIdle(long timeoutMillis) throws InterruptedException {
        return worker.runUntilIdle(timeoutMillis);
    }

    // ---- what happened ------------------------------------------------------------------------

    /** Every trace event so far (callbacks, hostcalls, logs, VM events), in order. */
    public List<TraceEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The guest's log lines so far (lines below the log level excluded). */
    public List<String> logs() {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events()) {
            if (e instanceof LogEvent l && !l.suppressed()) {
                out.add(l.message());
            }
        }
        return out;
    }

    /** The hostcalls made so far, with their decoded arguments and status names. */
    public List<HostCallEvent> hostcalls() {
        List<HostCallEvent> out = new ArrayList<>();
        for (TraceEvent e : events()) {
            if (e instanceof HostCallEvent h) {
                out.add(h);
            }
        }
        return out;
    }

    /** Forgets the events so far (a long-running test or benchmark keeps memory flat). */
    public void clearEvents() {
        events.clear();
    }

    /** Metrics the module defined, with their values. */
    public List<Metrics.Row> metrics() {
        return metrics.rows();
    }

    /** Shared data as the module left it. */
    public List<SharedData.Row> sharedData() {
        return sharedData.rows();
    }

    /** Whether the VM has trapped (then later calls fail, as in Envoy). */
    public boolean failed() {
        return vm.failed();
    }

    WasmVm vm() {
        return vm;
    }

    RootContext root() {
        return root;
    }

    Worker worker() {
        return worker;
    }

    HostEnvironment env() {
        return env;
    }

    @Override
    public void close() {
        if (vm != null) {
            vm.stop();
        }
        worker.close();
        clock.close();
        watchdog.close();
    }

    /** How to build a harness: the plugin's and VM's settings, the clock, the trace. */
    public static final class Builder {
        private final String name;
        private final byte[] wasm;
        private String rootId = "";
        private String vmId = "";
        private String configuration = "";
        private String vmConfiguration = "";
        private Machine machine = Machine.COMPILED;
        private TraceDetail trace = TraceDetail.FULL;
        private boolean keepEvents = true;
        private boolean virtualClock = true;
        private boolean allowOnHeadersStopIteration;
        private LogLevel logLevel = LogLevel.TRACE;
        private long callbackTimeoutMillis = 1000;
        private int maxMemoryPages = Limits.DEFAULT_MAX_MEMORY_PAGES;
        private long seed = 42;
        private Map<String, Object> properties = Map.of();
        private final Map<String, MockSpec> clusters = new LinkedHashMap<>();

        private Builder(String name, byte[] wasm) {
            this.name = name;
            this.wasm = wasm.clone();
        }

        public Builder rootId(String rootId) {
            this.rootId = rootId;
            return this;
        }

        public Builder vmId(String vmId) {
            this.vmId = vmId;
            return this;
        }

        /** The plugin configuration ({@code proxy_on_configure} reads it). */
        public Builder configuration(String configuration) {
            this.configuration = configuration;
            return this;
        }

        /** The VM configuration ({@code proxy_on_vm_start} reads it). */
        public Builder vmConfiguration(String vmConfiguration) {
            this.vmConfiguration = vmConfiguration;
            return this;
        }

        public Builder machine(Machine machine) {
            this.machine = machine;
            return this;
        }

        /**
         * How much the trace records; {@code keep} false records nothing for reading back (the
         * cheapest, for benchmarks).
         */
        public Builder trace(TraceDetail detail, boolean keep) {
            this.trace = detail;
            this.keepEvents = keep;
            return this;
        }

        /** A real clock instead of the virtual one (which starts at a fixed date). */
        public Builder realClock() {
            this.virtualClock = false;
            return this;
        }

        /** Envoy's {@code allow_on_headers_stop_iteration}. */
        public Builder allowOnHeadersStopIteration(boolean allow) {
            this.allowOnHeadersStopIteration = allow;
            return this;
        }

        /** The host's log level; lines below it are dropped, as Envoy does (default trace). */
        public Builder logLevel(LogLevel level) {
            this.logLevel = level;
            return this;
        }

        /** The watchdog's limit for one callback. */
        public Builder callbackTimeoutMillis(long millis) {
            this.callbackTimeoutMillis = millis;
            return this;
        }

        public Builder maxMemoryPages(int pages) {
            this.maxMemoryPages = pages;
            return this;
        }

        /** Property values {@code proxy_get_property} finds (nested maps, as a scenario's). */
        public Builder properties(Map<String, Object> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /** A mock cluster callouts can reach by name. */
        public Builder cluster(String name, MockSpec answer) {
            clusters.put(name, answer);
            return this;
        }

        public HostHarness build() {
            return new HostHarness(this);
        }
    }
}
