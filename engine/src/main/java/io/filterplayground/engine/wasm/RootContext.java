package io.filterplayground.engine.wasm;

import io.filterplayground.engine.runtime.Cancellable;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.upstream.Cluster;
import io.filterplayground.engine.wasm.callback.GrpcCallbacks;
import java.util.HashMap;
import java.util.Map;

/**
 * A plugin's root context in one VM: receives {@code on_vm_start}, {@code on_configure}, ticks,
 * callout replies and queue notifications. Callouts belong here, not to the stream that made them
 * (Envoy's {@code Context::httpCall} runs on the root context's behalf).
 */
public final class RootContext extends Context {
    private final PluginSpec plugin;
    private long tickPeriodMillis;
    private Cancellable tickTimer;
    private boolean pendingDone;

    /** Calls so far of the callback a fault is injected into (see {@link FaultSpec}). */
    int faultTargetCalls;

    /**
     * Outstanding callouts by token (tokens of every kind differ: see {@link CalloutTokens}), so
     * they can be cancelled when the root goes away.
     */
    private final Map<Integer, Cluster.Cancel> calls = new HashMap<>();

    /** Open gRPC calls and streams by token. */
    private final Map<Integer, GrpcCallbacks.Call> grpc = new HashMap<>();

    /** The status of the last callout or gRPC call, for {@code proxy_get_status}. */
    private int statusCode;

    private String statusMessage = "";

    RootContext(int id, WasmVm vm, PluginSpec plugin) {
        super(id, vm);
        this.plugin = plugin;
    }

    public PluginSpec plugin() {
        return plugin;
    }

    @Override
    public RootContext root() {
        return this;
    }

    public long tickPeriodMillis() {
        return tickPeriodMillis;
    }

    public int statusCode() {
        return statusCode;
    }

    public String statusMessage() {
        return statusMessage;
    }

    public void setStatus(int code, String message) {
        this.statusCode = code;
        this.statusMessage = message;
    }

    /** Sets the single periodic timer, cancelling the one before. */
    public void setTickPeriod(long millis, Cancellable timer) {
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        this.tickPeriodMillis = millis;
        this.tickTimer = timer;
    }

    public Map<Integer, Cluster.Cancel> calls() {
        return calls;
    }

    /** Open gRPC calls and streams by token. */
    public Map<Integer, GrpcCallbacks.Call> grpc() {
        return grpc;
    }

    public boolean pendingDone() {
        return pendingDone;
    }

    public void setPendingDone(boolean pending) {
        this.pendingDone = pending;
    }

    /** Whether callbacks may still reach this root: its VM runs and still knows it. */
    public boolean live() {
        WasmVm vm = vm();
        return vm.state() == WasmVm.State.RUNNING && vm.context(id()) == this;
    }
}
