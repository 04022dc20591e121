package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.AbiVersion;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.wasm.CallFrame;
import io.filterplayground.engine.wasm.CalloutTokens;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.GuestMemory;
import io.filterplayground.engine.wasm.LineLogger;
import io.filterplayground.engine.wasm.MetricIds;
import io.filterplayground.engine.wasm.VmSpec;

/**
 * What a hostcall sees of the VM that called it: the guest's memory, the call in progress, the
 * proxy's services, and how to record its outcome. Hostcalls get this, never the VM itself, so they
 * cannot call the guest or change the VM's life.
 */
public interface HostcallContext {
    GuestMemory memory();

    /** The guest call in progress (the start function's frame while the module starts). */
    CallFrame frame();

    /** The context the hostcall acts on: {@link CallFrame#context()}, or null during start. */
    default Context context() {
        return frame().context();
    }

    /** {@code proxy_set_effective_context}: false when the id is unknown. */
    boolean setEffectiveContext(int contextId);

    HostEnvironment env();

    VmSpec spec();

    /** The VM's name in traces, e.g. {@code add-header#w0}. */
    String vmId();

    /** The loop the VM lives on: callout answers, ticks and queue notifications come back here. */
    Worker loop();

    AbiVersion abi();

    /** Runs after the outermost guest call returns (Envoy's {@code addAfterVmCallAction}). */
    void afterCall(Runnable action);

    CalloutTokens callouts();

    MetricIds metricIds();

    LineLogger stdout();

    LineLogger stderr();

    /** Records a hostcall and returns its status code. {@code kv} alternates names and values. */
    int hostcall(String name, WasmResult result, Object... kv);

    /** As {@link #hostcall}, with a plain-words explanation of a surprising outcome. */
    int hostcallHint(String name, WasmResult result, String hint, Object... kv);

    /** Whether a log line at this level is recorded (Envoy drops lines below its level). */
    boolean records(LogLevel level);

    /** A log line from the guest; lines below the host's level are kept but marked suppressed. */
    void log(LogLevel level, String message);
}
