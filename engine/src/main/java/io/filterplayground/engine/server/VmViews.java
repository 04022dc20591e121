package io.filterplayground.engine.server;

import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.filter.VmViewSource;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.WasmVm;
import io.filterplayground.engine.wasm.WorkerVms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the Workers & VMs view shows of one thread: its Wasm VMs and Lua states. */
public final class VmViews {
    private VmViews() {}

    /** The views of {@code w}'s VMs; call on that worker's thread. */
    public static List<VmView> of(Worker w) {
        List<VmView> out = new ArrayList<>();
        WorkerVms vms = w.localOrNull(WorkerVms.class);
        if (vms != null) {
            for (WasmVm vm : vms.vms()) {
                out.add(view(w, vm));
            }
        }
        for (Object local : w.locals()) {
            if (local instanceof VmViewSource src) {
                out.addAll(src.views());
            }
        }
        return out;
    }

    private static VmView view(Worker w, WasmVm vm) {
        List<VmView.RootView> roots = new ArrayList<>();
        for (RootContext r : vm.roots()) {
            roots.add(
                    new VmView.RootView(
                            r.plugin().name(), r.plugin().rootId(), r.id(), r.tickPeriodMillis()));
        }
        return new VmView(
                vm.id(),
                "wasm",
                w.name(),
                vm.spec().module().name(),
                vm.spec().vmId(),
                vm.state().name().toLowerCase(Locale.ROOT),
                roots,
                vm.streamsServed(),
                vm.memoryPages(),
                vm.failure());
    }

    /** What the view shows for a thread that did not answer. */
    public static VmView busy(Worker w) {
        return new VmView(
                "?#" + w.tag(),
                "unknown",
                w.name(),
                "?",
                "",
                "busy",
                List.of(),
                0,
                0,
                "the thread did not answer in time");
    }
}
