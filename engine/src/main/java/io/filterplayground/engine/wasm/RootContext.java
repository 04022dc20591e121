package io.filterplayground.engine.wasm;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Cancellable;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.upstream.Cluster;
import java.util.HashMap;
import java.util.Map;

/**
 * A plugin's root context in one VM: receives {@code on_vm_start}, {@code on_configure}, ticks,
 * callout replies and queue notifications. Callouts belong here, not to the stream that made them
 * (proxy-wasm-abi §4.5).
 */
public final class RootContext extends Context {
    private final PluginSpec plugin;
    long tickPeriodMillis;
    Cancellable tickTimer;
    boolean configured;
    boolean pendingDone;

    /** Calls so far of the callback a fault is injected into (see {@link FaultSpec}). */
    int faultTargetCalls;

    /** Outstanding callouts by token, so they can be cancelled when the root goes away. */
    final Map<Integer, Cluster.Cancel> calls = new HashMap<>();

    /** Open gRPC calls and streams by token. */
    final Map<Integer, RootEvents.GrpcState> grpc = new HashMap<>();

    /** Readable only during a callout-reply callback. */
    Headers calloutHeaders;

    byte[] calloutBody;
    Headers calloutTrailers;
    int statusCode;
    String statusMessage = "";

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

    public Headers calloutHeaders() {
        return calloutHeaders;
    }

    public byte[] calloutBody() {
        return calloutBody;
    }

    /** A gRPC message rewritten by the guest in {@code proxy_on_grpc_receive}. */
    public void replaceCalloutBody(byte[] body) {
        calloutBody = body;
    }

    public Headers calloutTrailers() {
        return calloutTrailers;
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

    public boolean pendingDone() {
        return pendingDone;
    }

    public void setPendingDone(boolean pending) {
        this.pendingDone = pending;
    }
}
