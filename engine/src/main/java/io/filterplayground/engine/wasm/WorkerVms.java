package io.filterplayground.engine.wasm;

import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VMs living on one worker (or the main thread), one per VM key, with the plugins' root
 * contexts inside them. Only the owner thread touches it.
 */
public final class WorkerVms {
    private final Worker worker;
    private final HostEnvironment env;
    private final Map<String, WasmVm> vms = new LinkedHashMap<>();
    private final Map<String, Long> nextReloadNanos = new HashMap<>();
    private Watchdog.Guard guard;

    private WorkerVms(Worker worker, HostEnvironment env) {
        this.worker = worker;
        this.env = env;
    }

    /** The registry of {@code worker}; call on that worker's thread. */
    public static WorkerVms of(Worker worker, HostEnvironment env) {
        return worker.local(WorkerVms.class, () -> new WorkerVms(worker, env));
    }

    public Worker worker() {
        return worker;
    }

    private Watchdog.Guard guard() {
        if (guard == null) {
            guard = env.watchdog().newGuard();
        }
        return guard;
    }

    /** The VM for a spec, created (and started) on first use. */
    public WasmVm vm(VmSpec spec) {
        WasmVm vm = vms.get(spec.key());
        if (vm == null) {
            vm = WasmVm.create(spec.displayName() + "#" + worker.tag(), spec, worker, env, guard());
            vms.put(spec.key(), vm);
        }
        return vm;
    }

    /**
     * The plugin's root context, created on first use ({@code on_vm_start}, {@code on_configure}).
     */
    public RootContext root(PluginSpec plugin) {
        WasmVm vm = vm(plugin.vm());
        RootContext root = vm.root(plugin.key());
        return root != null ? root : vm.startRoot(plugin);
    }

    /** The plugin's root context if its VM exists, even failed; null otherwise. */
    public RootContext existingRoot(PluginSpec plugin) {
        WasmVm vm = vms.get(plugin.vm().key());
        return vm == null ? null : vm.root(plugin.key());
    }

    public WasmVm existingVm(VmSpec spec) {
        return vms.get(spec.key());
    }

    /**
     * Envoy's failReload: replaces a failed VM with a fresh one (new instance, {@code _initialize},
     * root contexts started again), at most once per back-off interval on the scenario clock.
     * Returns the new root, or null while the back-off runs.
     */
    public RootContext reload(PluginSpec plugin) {
        long now = env.clock().monotonicNanos();
        Long allowed = nextReloadNanos.get(plugin.key());
        if (allowed != null && now < allowed) {
            return null;
        }
        nextReloadNanos.put(plugin.key(), now + plugin.reloadBackoffMillis() * 1_000_000L);
        WasmVm old = vms.remove(plugin.vm().key());
        if (old != null) {
            old.stop();
        }
        WasmVm fresh = vm(plugin.vm());
        fresh.vmEvent("reloaded", "fresh VM after " + (old == null ? "failure" : old.failure()));
        return root(plugin);
    }

    /** Milliseconds until the plugin may reload again (0 when it may now). */
    public long reloadWaitMillis(PluginSpec plugin) {
        Long allowed = nextReloadNanos.get(plugin.key());
        if (allowed == null) {
            return 0;
        }
        return Math.max(0, (allowed - env.clock().monotonicNanos()) / 1_000_000L);
    }

    public List<WasmVm> vms() {
        return new ArrayList<>(vms.values());
    }

    public void close() {
        for (WasmVm vm : vms.values()) {
            vm.stop();
        }
        if (guard != null) {
            env.watchdog().release(guard);
        }
    }
}
