package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;

/**
 * Creates a Wasm filter for each stream on one worker, applying the failure policy when the
 * worker's VM has failed: fail-open leaves the filter out, fail-closed answers 503, fail-reload
 * rebuilds the VM (or answers 503 while the back-off runs).
 */
public final class WasmFilterFactory implements HttpFilterFactory {
    private final PluginSpec plugin;
    private final WorkerVms vms;

    public WasmFilterFactory(PluginSpec plugin, WorkerVms vms) {
        this.plugin = plugin;
        this.vms = vms;
    }

    @Override
    public HttpFilter create(FilterCallbacks callbacks) {
        RootContext root = vms.existingRoot(plugin);
        WasmVm vm = root == null ? vms.existingVm(plugin.vm()) : root.vm();
        boolean failed =
                root == null || vm == null || vm.failed() || vm.state() == WasmVm.State.STOPPED;
        if (!failed) {
            return new WasmHttpFilter(root, callbacks);
        }
        switch (plugin.failurePolicy()) {
            case FAIL_OPEN -> {
                return null;
            }
            case FAIL_RELOAD -> {
                RootContext fresh;
                try {
                    fresh = vms.reload(plugin);
                } catch (RuntimeException e) {
                    note(callbacks, "reload failed: " + e.getMessage());
                    return new FailClosed(callbacks);
                }
                if (fresh != null) {
                    return new WasmHttpFilter(fresh, callbacks);
                }
                note(
                        callbacks,
                        "VM failed; reload back-off: next reload allowed in "
                                + vms.reloadWaitMillis(plugin)
                                + " ms (scenario clock), so 503 meanwhile");
                return new FailClosed(callbacks);
            }
            default -> {
                return new FailClosed(callbacks);
            }
        }
    }

    private void note(FilterCallbacks cb, String detail) {
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
}
