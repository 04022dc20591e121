package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.runtime.Cancellable;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.Traps;
import io.filterplayground.engine.wasm.WasmVm;

/** {@code proxy_on_tick}: one periodic timer per root context, on its VM's own loop. */
public final class TimerCallbacks {
    private TimerCallbacks() {}

    /** Arms (or with 0, disarms) the root context's single periodic timer. */
    public static void arm(RootContext root, long periodMillis) {
        WasmVm vm = root.vm();
        if (periodMillis == 0) {
            root.setTickPeriod(0, null);
            return;
        }
        Cancellable timer =
                vm.env().clock().schedule(vm.loop(), periodMillis * 1_000_000L, () -> tick(root));
        root.setTickPeriod(periodMillis, timer);
    }

    static void tick(RootContext root) {
        WasmVm vm = root.vm();
        if (!root.live() || root.tickPeriodMillis() == 0) {
            return;
        }
        try {
            vm.call(Callback.TICK, root);
        } catch (FilterTrapException e) {
            Traps.report(
                    vm,
                    root,
                    Callback.TICK,
                    e,
                    0,
                    Traps.laterStreams(root.plugin()) + "; its timer stops");
            root.setTickPeriod(0, null);
            return;
        }
        // Envoy re-arms the timer after each proxy_on_tick with the current period.
        if (root.tickPeriodMillis() > 0 && root.live()) {
            arm(root, root.tickPeriodMillis());
        }
    }
}
