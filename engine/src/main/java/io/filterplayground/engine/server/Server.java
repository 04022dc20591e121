package io.filterplayground.engine.server;

import io.filterplayground.engine.chain.AccessLog;
import io.filterplayground.engine.chain.HttpConnectionManager;
import io.filterplayground.engine.chain.TcpListener;
import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.NetworkFilterFactory;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.upstream.TcpCluster;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.WasmAccessLog;
import io.filterplayground.engine.wasm.WasmVm;
import io.filterplayground.engine.wasm.WorkerVms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Envoy's server for one scenario: the canary start of every plugin on the main thread, then each
 * worker's VMs, root contexts, Lua states and access loggers, the services, and on each worker the
 * scenario's listeners, each in its own worker-local slot: an HTTP connection manager for an http
 * scenario, a TCP listener for {@code listener: tcp} or an http scenario's {@code tcpListener:}.
 * The access loggers log what both finish.
 */
public final class Server {
    private final Scenario scenario;
    private final HostEnvironment env;
    private final Debugger debugger;
    private final Map<String, TcpCluster> tcpClusters;
    private final Worker main;
    private final List<Worker> workers;
    private final Object httpKey = new Object();
    private final Object tcpKey = new Object();
    private Assembly assembly;

    public Server(
            Scenario scenario,
            HostEnvironment env,
            Debugger debugger,
            Map<String, TcpCluster> tcpClusters,
            Worker main,
            List<Worker> workers) {
        this.scenario = scenario;
        this.env = env;
        this.debugger = debugger;
        this.tcpClusters = Map.copyOf(tcpClusters);
        this.main = main;
        this.workers = List.copyOf(workers);
    }

    /**
     * Loads the modules, runs Envoy's canary (each plugin started once on the main thread), then
     * starts every VM and root context on every worker, and the services. Throws the engine's
     * exceptions with plain messages.
     */
    public void start() {
        assembly = Assembly.of(scenario, env);
        if (scenario.canary()) {
            main.call(
                    () -> {
                        canary(assembly.canary);
                        return null;
                    });
        }
        for (Worker w : workers) {
            w.call(
                    () -> {
                        startWorker(w);
                        return null;
                    });
        }
        main.call(
                () -> {
                    for (PluginSpec s : assembly.services) {
                        if (assembly.singletons.contains(s.name())) {
                            Starting.as(s.name(), () -> WorkerVms.of(main, env).root(s));
                        }
                    }
                    return null;
                });
    }

    private void startWorker(Worker w) {
        for (ChainFilter f : assembly.allFilters()) {
            Starting.as(f.name(), () -> f.start(w));
        }
        for (WasmAccessLog l : assembly.accessLogs) {
            Starting.as(l.name(), () -> l.start(w));
        }
        for (PluginSpec s : assembly.services) {
            if (!assembly.singletons.contains(s.name())) {
                Starting.as(s.name(), () -> WorkerVms.of(w, env).root(s));
            }
        }
    }

    /** Envoy's canary: every new plugin starts once on a throwaway VM before the workers. */
    private void canary(List<PluginSpec> plugins) {
        Watchdog.Guard guard = env.watchdog().newGuard();
        try {
            for (PluginSpec p : plugins) {
                Starting.as(p.name(), () -> canary(p, guard));
            }
        } finally {
            env.watchdog().release(guard);
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

    // ---- listeners --------------------------------------------------------------------------

    /**
     * The worker's HTTP connection manager, made on first use; call on {@code w}. Only an http
     * scenario has one: the caller checks {@link Scenario#hasHttpListener()}.
     */
    public HttpConnectionManager http(Worker w) {
        return w.local(httpKey, () -> newConnectionManager(w));
    }

    /**
     * The worker's TCP listener, made on first use; call on {@code w}. Only a scenario with a
     * {@link Scenario#tcpListener()} has one: the caller checks.
     */
    public TcpListener tcp(Worker w) {
        return w.local(tcpKey, () -> newTcpListener(w));
    }

    /** Ends what is still open on {@code w}'s listeners: streams expire (Envoy's idle timeout). */
    public void expireOpen(Worker w) {
        HttpConnectionManager hcm = w.localOrNull(httpKey);
        if (hcm != null) {
            hcm.expireOpenStreams();
        }
    }

    /** Resets the streams and closes the connections still open on {@code w}, at shutdown. */
    public void shutdown(Worker w) {
        HttpConnectionManager hcm = w.localOrNull(httpKey);
        if (hcm != null) {
            hcm.shutdown();
        }
        TcpListener tcp = w.localOrNull(tcpKey);
        if (tcp != null) {
            tcp.shutdown();
        }
    }

    private HttpConnectionManager newConnectionManager(Worker w) {
        List<HttpConnectionManager.Named> factories = new ArrayList<>();
        for (int i = 0; i < assembly.httpChain.size(); i++) {
            ChainFilter f = assembly.httpChain.get(i);
            factories.add(new HttpConnectionManager.Named(f.name(), i, f.factory(w)));
        }
        return new HttpConnectionManager(
                w,
                new HttpConnectionManager.Config(
                        env.tracer(),
                        env.clock(),
                        debugger,
                        scenario.route(),
                        env.clusters().get(scenario.route()),
                        scenario.bufferLimitBytes(),
                        scenario.seed()),
                factories,
                accessLogs(w));
    }

    private TcpListener newTcpListener(Worker w) {
        List<TcpListener.Named> factories = new ArrayList<>();
        for (int i = 0; i < assembly.networkChain.size(); i++) {
            ChainFilter f = assembly.networkChain.get(i);
            NetworkFilterFactory factory = f.networkFactory(w);
            if (factory != null) {
                factories.add(new TcpListener.Named(f.name(), i, factory));
            }
        }
        return new TcpListener(
                w,
                new TcpListener.Config(
                        env.tracer(),
                        env.clock(),
                        debugger,
                        scenario.tcpListener().route(),
                        tcpClusters.get(scenario.tcpListener().route())),
                factories,
                accessLogs(w));
    }

    private List<AccessLog> accessLogs(Worker w) {
        List<AccessLog> out = new ArrayList<>();
        for (WasmAccessLog l : assembly.accessLogs) {
            out.add(new AccessLog(l.name(), l.logger(w)));
        }
        return out;
    }
}
