package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.Traps;
import io.filterplayground.engine.wasm.WasmVm;

/** Calls a root context from outside any stream callback: a tick, an answer, a notification. */
final class RootCalls {
    private RootCalls() {}

    /**
     * Calls {@code cb} on {@code root} on behalf of the stream that made a callout (null: none):
     * the events belong to that stream's trace, the time to that filter. A trap is reported (the VM
     * is failed for later streams), not thrown: there is no stream to fail now. Returns false on a
     * trap. {@code args} follow the root context id.
     */
    static boolean call(
            StreamCallbacks stream, RootContext root, Callback cb, CallData data, long... args) {
        boolean[] ok = {true};
        Runnable call =
                () -> {
                    WasmVm vm = root.vm();
                    try {
                        vm.callFor(stream, cb, root, data, args);
                    } catch (FilterTrapException e) {
                        ok[0] = false;
                        Traps.report(vm, root, cb, e, 0, Traps.laterStreams(root.plugin()));
                    }
                };
        if (stream != null) {
            stream.attribute(call);
        } else {
            call.run();
        }
        return ok[0];
    }
}
