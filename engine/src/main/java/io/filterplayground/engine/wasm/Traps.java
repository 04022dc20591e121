package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.TrapEvent;

/** Reports traps with what the failure policy did about them, in plain words. */
final class Traps {
    private Traps() {}

    static void report(
            WasmVm vm,
            Context ctx,
            Callback cb,
            FilterTrapException e,
            long streamId,
            String effect) {
        PluginSpec plugin = ctx.root().plugin();
        Tracer t = vm.tracer();
        t.emit(
                new TrapEvent(
                        t.nextSeq(),
                        streamId,
                        Tracer.thread(),
                        plugin.name(),
                        vm.id(),
                        ctx.id(),
                        cb.exportName(),
                        e.getMessage(),
                        e.wasmStack(),
                        plugin.failurePolicy().displayName(),
                        effect));
    }

    /** What later streams on this worker will see after the VM failed. */
    static String laterStreams(PluginSpec plugin) {
        return switch (plugin.failurePolicy()) {
            case FAIL_CLOSED ->
                    "the VM is failed: later requests on this worker get 503 (failClosed)";
            case FAIL_OPEN ->
                    "the VM is failed: later requests on this worker skip this filter (failOpen)";
            case FAIL_RELOAD ->
                    "the VM is failed: the next request on this worker gets a fresh VM (failReload)";
        };
    }
}
