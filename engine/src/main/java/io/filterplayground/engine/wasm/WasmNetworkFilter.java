package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.ConnectionEvent;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.NetworkFilter;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import io.filterplayground.engine.wasm.callback.NetworkCallbacks;

/**
 * A Wasm plugin's part in one TCP connection, as Envoy's Wasm context plays a network filter
 * ({@code source/extensions/common/wasm/context.cc}: {@code onNewConnection}, {@code onData},
 * {@code onWrite}, {@code onEvent}, {@code onCloseTCP}): the context is created with the
 * connection; the upstream's end of stream on the write path counts as the upstream closing; a
 * downstream close counts too; once both sides are closed (or the downstream closes on a failed
 * connection) the context gets {@code on_done}, {@code on_log} and {@code on_delete}, in that
 * order. A failed VM closes the connection unless the plugin fails open (proxy-wasm-cpp-host's
 * {@code CHECK_FAIL_NET}).
 */
final class WasmNetworkFilter implements NetworkFilter {
    private final RootContext root;
    private final WasmVm vm;
    private final ConnectionCallbacks connection;
    private final PluginSpec plugin;
    private StreamContext ctx;
    private boolean bypass;
    private boolean failed;
    private boolean downstreamClosed;
    private boolean upstreamClosed;
    private boolean finished;

    WasmNetworkFilter(RootContext root, ConnectionCallbacks connection) {
        this.root = root;
        this.vm = root.vm();
        this.connection = connection;
        this.plugin = root.plugin();
    }

    @Override
    public FilterStatus onNewConnection() {
        FilterStatus blocked = unusable();
        if (blocked != null) {
            return blocked;
        }
        try {
            ctx = vm.newStream(root, connection);
            LifecycleCallbacks.createStream(ctx);
            if (!vm.exports(Callback.NEW_CONNECTION)) {
                return FilterStatus.CONTINUE;
            }
            return status(NetworkCallbacks.newConnection(ctx));
        } catch (FilterTrapException e) {
            return trapped(ctx == null ? Callback.CONTEXT_CREATE : Callback.NEW_CONNECTION, e);
        }
    }

    @Override
    public FilterStatus onData(Buffer data, boolean endStream) {
        if (ctx == null) {
            return FilterStatus.CONTINUE;
        }
        FilterStatus blocked = unusable();
        if (blocked != null) {
            return blocked;
        }
        if (!vm.exports(Callback.DOWNSTREAM_DATA)) {
            return FilterStatus.CONTINUE;
        }
        try {
            return status(NetworkCallbacks.downstreamData(ctx, data, endStream));
        } catch (FilterTrapException e) {
            return trapped(Callback.DOWNSTREAM_DATA, e);
        }
    }

    @Override
    public FilterStatus onWrite(Buffer data, boolean endStream) {
        if (ctx == null) {
            return FilterStatus.CONTINUE;
        }
        FilterStatus blocked = unusable();
        if (blocked != null) {
            return blocked;
        }
        FilterStatus st = FilterStatus.CONTINUE;
        try {
            if (vm.exports(Callback.UPSTREAM_DATA)) {
                st = status(NetworkCallbacks.upstreamData(ctx, data, endStream));
            }
            if (endStream) {
                // Envoy sees the upstream close only as end of stream on the write path, so it
                // reports it here, with an Unknown peer.
                NetworkCallbacks.upstreamClose(ctx, PeerType.UNKNOWN);
                upstreamClosed = true;
                if (downstreamClosed) {
                    closeTcp();
                }
            }
            return st;
        } catch (FilterTrapException e) {
            return trapped(Callback.UPSTREAM_DATA, e);
        }
    }

    @Override
    public void onEvent(ConnectionEvent event) {
        if (ctx == null || vm.state() != WasmVm.State.RUNNING) {
            return;
        }
        try {
            NetworkCallbacks.downstreamClose(
                    ctx, event == ConnectionEvent.LOCAL_CLOSE ? PeerType.LOCAL : PeerType.REMOTE);
            downstreamClosed = true;
            // Envoy: both sides closed, or a connection that already failed (a response flag).
            if (upstreamClosed || !connection.streamInfo().responseFlags().isEmpty()) {
                closeTcp();
            }
        } catch (FilterTrapException e) {
            Traps.report(
                    vm,
                    ctx,
                    Callback.DOWNSTREAM_CONNECTION_CLOSE,
                    e,
                    connection.streamId(),
                    Traps.laterStreams(plugin));
        }
    }

    /** Envoy's {@code onCloseTCP}: on_done, on_log, on_delete, once. */
    private void closeTcp() throws FilterTrapException {
        if (finished || vm.state() != WasmVm.State.RUNNING) {
            return;
        }
        finished = true;
        vm.call(Callback.DONE, ctx);
        LifecycleCallbacks.log(ctx);
        vm.call(Callback.DELETE, ctx);
    }

    @Override
    public void onDestroy() {
        if (ctx == null) {
            return;
        }
        if (!finished && vm.state() == WasmVm.State.RUNNING) {
            note(
                    "context "
                            + ctx.id()
                            + " never gets on_done, on_log or on_delete: Envoy calls them only"
                            + " once both sides closed through this filter"
                            + (upstreamClosed
                                    ? ""
                                    : " (the upstream's end of stream never reached it)"));
        }
        vm.forget(ctx);
    }

    private static FilterStatus status(Action a) {
        // cpp-host: 0 is Continue, anything else StopIteration.
        return a == Action.CONTINUE ? FilterStatus.CONTINUE : FilterStatus.STOP_ITERATION;
    }

    /**
     * Null when the VM can be called; otherwise what a failed VM means for the connection:
     * fail-open goes on without the filter, otherwise the connection is closed (once).
     */
    private FilterStatus unusable() {
        if (bypass || failed) {
            return bypass ? FilterStatus.CONTINUE : FilterStatus.STOP_ITERATION;
        }
        if (vm.state() == WasmVm.State.RUNNING) {
            return null;
        }
        if (plugin.failurePolicy() == FailurePolicy.FAIL_OPEN) {
            bypass = true;
            return FilterStatus.CONTINUE;
        }
        failConnection();
        return FilterStatus.STOP_ITERATION;
    }

    private FilterStatus trapped(Callback cb, FilterTrapException e) {
        String later = Traps.laterStreams(plugin);
        Context at = ctx == null ? root : ctx;
        if (plugin.failurePolicy() == FailurePolicy.FAIL_OPEN) {
            bypass = true;
            Traps.report(
                    vm,
                    at,
                    cb,
                    e,
                    connection.streamId(),
                    "this callback counts as Continue and the filter steps aside for the rest of"
                            + " this connection; "
                            + later);
            return FilterStatus.CONTINUE;
        }
        Traps.report(
                vm,
                at,
                cb,
                e,
                connection.streamId(),
                "the connection is closed (Envoy's failStream for Downstream); " + later);
        failConnection();
        return FilterStatus.STOP_ITERATION;
    }

    /** Envoy's {@code failStream} on a network context: {@code close(FlushWrite)}, once. */
    private void failConnection() {
        if (!failed) {
            failed = true;
            connection.close("wasm_fail_stream");
        }
    }

    private void note(String detail) {
        Tracer t = connection.tracer();
        t.emit(
                new StreamEvent(
                        t.nextSeq(),
                        connection.streamId(),
                        Tracer.thread(),
                        "note",
                        plugin.name(),
                        detail));
    }
}
