package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.StreamContext;
import io.filterplayground.engine.wasm.Traps;
import io.filterplayground.engine.wasm.WasmVm;

/**
 * The lifecycle callbacks: a context is created, a root context starts ({@code on_vm_start}, {@code
 * on_configure}), and a context ends ({@code on_log}, {@code on_done}, {@code on_delete}).
 */
public final class LifecycleCallbacks {
    private LifecycleCallbacks() {}

    /**
     * Starts a root context: {@code on_context_create}, {@code on_vm_start}, {@code on_configure}
     * (Envoy runs on_vm_start for every root context). A false result rejects the plugin; a trap is
     * thrown to the VM, which says so with the guest's last lines.
     */
    public static void startRoot(RootContext root) throws FilterTrapException {
        WasmVm vm = root.vm();
        PluginSpec plugin = root.plugin();
        vm.call(Callback.CONTEXT_CREATE, root, 0);
        if (vm.exports(Callback.VM_START)
                && vm.call(Callback.VM_START, root, vm.spec().vmConfiguration().length) == 0) {
            throw new FilterStartException(plugin.name() + ": proxy_on_vm_start returned false");
        }
        if (vm.exports(Callback.CONFIGURE)
                && vm.call(Callback.CONFIGURE, root, plugin.configuration().length) == 0) {
            throw new FilterStartException(
                    plugin.name()
                            + ": proxy_on_configure returned false: the plugin rejected its"
                            + " configuration");
        }
        vm.vmEvent(
                "configured",
                plugin.name()
                        + " (root_id \""
                        + plugin.rootId()
                        + "\", context "
                        + root.id()
                        + ")");
    }

    /** {@code on_context_create} for a stream context, under its root. */
    public static void createStream(StreamContext ctx) throws FilterTrapException {
        ctx.vm().call(Callback.CONTEXT_CREATE, ctx, ctx.root().id());
    }

    /** {@code on_log}, when the module exports it: the stream's maps are readable. */
    public static void log(StreamContext ctx) throws FilterTrapException {
        WasmVm vm = ctx.vm();
        if (vm.exports(Callback.LOG)) {
            vm.call(Callback.LOG, ctx);
        }
    }

    /** {@code on_done} then {@code on_delete}; on_done's result is ignored for stream contexts. */
    public static void finish(StreamContext ctx) throws FilterTrapException {
        WasmVm vm = ctx.vm();
        vm.call(Callback.DONE, ctx);
        vm.call(Callback.DELETE, ctx);
    }

    /** Completes a root context whose proxy_on_done returned false, once it calls proxy_done. */
    public static void finishDone(RootContext root) {
        WasmVm vm = root.vm();
        try {
            vm.call(Callback.DELETE, root);
        } catch (FilterTrapException e) {
            Traps.report(vm, root, Callback.DELETE, e, 0, Traps.laterStreams(root.plugin()));
        }
        vm.forget(root);
    }

    /** Whether {@code ctx}'s VM can still be called. */
    public static boolean running(Context ctx) {
        return ctx.vm().state() == WasmVm.State.RUNNING;
    }
}
