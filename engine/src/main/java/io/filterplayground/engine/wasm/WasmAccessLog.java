package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.AccessLogger;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;

/**
 * A Wasm access logger ({@code envoy.access_loggers.wasm}): one plugin with a VM and a root context
 * per worker, whose root context gets {@code proxy_on_log(root_context_id)} for each finished
 * stream or connection, with the logged stream's headers and properties readable during the call
 * (Envoy's {@code Wasm::log} on the plugin's root context). A trapped logger changes no response:
 * it follows its failure policy for the next streams only.
 */
public final class WasmAccessLog {
    private final PluginSpec plugin;
    private final HostEnvironment env;

    public WasmAccessLog(PluginSpec plugin, HostEnvironment env) {
        if (!plugin.vm().module().exportsFunction(Callback.LOG.exportName())) {
            throw new FilterStartException(
                    plugin.name()
                            + ": "
                            + plugin.vm().module().name()
                            + " does not export proxy_on_log, so as an access logger it would"
                            + " never be called");
        }
        this.plugin = plugin;
        this.env = env;
    }

    public String name() {
        return plugin.name();
    }

    public PluginSpec plugin() {
        return plugin;
    }

    /** Starts the logger's VM and root context on {@code worker}; runs on that worker. */
    public void start(Worker worker) {
        WorkerVms.of(worker, env).root(plugin);
    }

    /** The logger on {@code worker}. */
    public AccessLogger logger(Worker worker) {
        WorkerVms vms = WorkerVms.of(worker, env);
        return stream -> log(vms, stream);
    }

    private void log(WorkerVms vms, StreamCallbacks stream) {
        RootContext root = vms.existingRoot(plugin);
        if (root == null || !root.live()) {
            if (plugin.failurePolicy() == FailurePolicy.FAIL_RELOAD) {
                root = reload(vms, stream);
            }
            if (root == null) {
                note(
                        stream,
                        "access logger skipped: its VM failed ("
                                + plugin.failurePolicy().displayName()
                                + ")");
                return;
            }
        }
        WasmVm vm = root.vm();
        try {
            vm.callFor(stream, Callback.LOG, root, new CallData.AccessLog(stream));
        } catch (FilterTrapException e) {
            Traps.report(
                    vm,
                    root,
                    Callback.LOG,
                    e,
                    stream.streamId(),
                    "the response is not changed; "
                            + (plugin.failurePolicy() == FailurePolicy.FAIL_RELOAD
                                    ? "the next stream on this worker gets a fresh VM (failReload)"
                                    : "later streams on this worker are not logged ("
                                            + plugin.failurePolicy().displayName()
                                            + ")"));
        }
    }

    private RootContext reload(WorkerVms vms, StreamCallbacks stream) {
        try {
            return vms.reload(plugin);
        } catch (RuntimeException e) {
            note(stream, "access logger reload failed: " + e.getMessage());
            return null;
        }
    }

    private void note(StreamCallbacks stream, String detail) {
        Tracer t = stream.tracer();
        t.emit(
                new StreamEvent(
                        t.nextSeq(),
                        stream.streamId(),
                        Tracer.thread(),
                        "note",
                        plugin.name(),
                        detail));
    }
}
