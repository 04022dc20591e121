package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.filter.NetworkFilter;
import io.filterplayground.engine.filter.NetworkFilterFactory;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;

/**
 * Creates a Wasm filter for each stream (or connection) on one worker, applying the failure policy
 * when the worker's VM has failed: fail-open leaves the filter out, fail-closed answers 503 (a
 * connection is closed), fail-reload rebuilds the VM (or fails closed while the back-off runs).
 */
public final class WasmFilterFactory {
    private final PluginSpec plugin;
    private final WorkerVms vms;

    public WasmFilterFactory(PluginSpec plugin, WorkerVms vms) {
        this.plugin = plugin;
        this.vms = vms;
    }

    /** The factory of HTTP filters. */
    public HttpFilterFactory http() {
        return callbacks -> {
            RootContext root = root(callbacks);
            return root == null
                    ? failOpen() ? null : new FailClosed(callbacks)
                    : new WasmHttpFilter(root, callbacks);
        };
    }

    /** The factory of network filters. */
    public NetworkFilterFactory network() {
        return callbacks -> {
            RootContext root = root(callbacks);
            return root == null
                    ? failOpen() ? null : new ClosingConnection(callbacks)
                    : new WasmNetworkFilter(root, callbacks);
        };
    }

    private boolean failOpen() {
        return plugin.failurePolicy() == FailurePolicy.FAIL_OPEN;
    }

    /** The plugin's live root context on this worker, after a reload if the policy says so. */
    private RootContext root(StreamCallbacks callbacks) {
        RootContext root = vms.existingRoot(plugin);
        WasmVm vm = root == null ? vms.existingVm(plugin.vm()) : root.vm();
        boolean failed = root == null || vm == null || vm.state() != WasmVm.State.RUNNING;
        if (!failed) {
            return root;
        }
        if (plugin.failurePolicy() != FailurePolicy.FAIL_RELOAD) {
            return null;
        }
        try {
            RootContext fresh = vms.reload(plugin);
            if (fresh == null) {
                note(
                        callbacks,
                        "VM failed; reload back-off: next reload allowed in "
                                + vms.reloadWaitMillis(plugin)
                                + " ms (scenario clock), so it fails closed meanwhile");
            }
            return fresh;
        } catch (RuntimeException e) {
            note(callbacks, "reload failed: " + e.getMessage());
            return null;
        }
    }

    private void note(StreamCallbacks cb, String detail) {
        Tracer t = cb.tracer();
        t.emit(
                new StreamEvent(
                        t.nextSeq(),
                        cb.streamId(),
                        Tracer.thread(),
                        "note",
                        plugin.name(),
                        detail));
    }

    /** Envoy's empty context for a failed VM under fail-closed: 503 for every request. */
    private static final class FailClosed implements HttpFilter {
        private final FilterCallbacks callbacks;

        FailClosed(FilterCallbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public FilterStatus onRequestHeaders(HeaderMap headers, boolean endOfStream) {
            WasmHttpFilter.sendFailStream(callbacks);
            return FilterStatus.STOP_ALL_ITERATION;
        }
    }

    /**
     * The same for a connection: closed at once (Envoy's network filter test {@code BadCode}:
     * {@code close(FlushWrite)} and StopIteration from {@code onNewConnection}).
     */
    private static final class ClosingConnection implements NetworkFilter {
        private final ConnectionCallbacks callbacks;

        ClosingConnection(ConnectionCallbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public FilterStatus onNewConnection() {
            callbacks.close("wasm_fail_stream");
            return FilterStatus.STOP_ITERATION;
        }
    }
}
