package io.filterplayground.engine.server;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.lua.LuaChainFilter;
import io.filterplayground.engine.natives.NativeFilters;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.VmSpec;
import io.filterplayground.engine.wasm.WasmAccessLog;
import io.filterplayground.engine.wasm.WasmChainFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario starts, made from its specs: the HTTP filter chain in all three styles, the TCP
 * listener's Wasm network filter chain, the Wasm services, the access loggers, and the plugins
 * Envoy's canary starts first. Modules are loaded (compiled once per code hash) and VMs keyed as
 * Envoy keys them, so filters with the same vm_id, code and VM configuration share a VM, whichever
 * chain they are in.
 */
final class Assembly {
    final List<ChainFilter> httpChain = new ArrayList<>();
    final List<ChainFilter> networkChain = new ArrayList<>();
    final List<PluginSpec> services = new ArrayList<>();
    final Set<String> singletons = new LinkedHashSet<>();
    final List<WasmAccessLog> accessLogs = new ArrayList<>();
    final List<PluginSpec> canary = new ArrayList<>();
    private final HostEnvironment env;
    private final Map<String, VmSpec> vms = new LinkedHashMap<>();

    private Assembly(HostEnvironment env) {
        this.env = env;
    }

    static Assembly of(Scenario scenario, HostEnvironment env) {
        Assembly a = new Assembly(env);
        a.addEnabled(scenario.httpFilters(), a.httpChain);
        if (scenario.tcpListener() != null) {
            a.addEnabled(scenario.tcpListener().filters(), a.networkChain);
        }
        for (ServiceSpec s : scenario.services()) {
            a.services.add(a.plugin(s.name(), s.plugin(), 1000, false, true, null));
            if (s.singleton()) {
                a.singletons.add(s.name());
            }
        }
        for (AccessLoggerSpec l : scenario.accessLoggers()) {
            if (l.enabled()) {
                PluginSpec p = a.plugin(l.name(), l.plugin(), 1000, false, false, null);
                a.accessLogs.add(Starting.as(l.name(), () -> new WasmAccessLog(p, env)));
                a.canary.add(p);
            }
        }
        a.canary.addAll(a.services);
        return a;
    }

    /** Every filter of both chains, HTTP first: each starts on every worker. */
    List<ChainFilter> allFilters() {
        List<ChainFilter> all = new ArrayList<>(httpChain);
        all.addAll(networkChain);
        return all;
    }

    private void addEnabled(List<FilterSpec> specs, List<ChainFilter> chain) {
        for (FilterSpec f : specs) {
            if (f.enabled() && !(f instanceof PlaceholderFilterSpec)) {
                chain.add(filter(f));
            }
        }
    }

    private ChainFilter filter(FilterSpec f) {
        if (f instanceof LuaFilterSpec l) {
            return Starting.as(l.name(), () -> new LuaChainFilter(l, env));
        }
        if (f instanceof NativeFilterSpec n) {
            return Starting.as(n.name(), () -> NativeFilters.create(n, env));
        }
        WasmFilterSpec w = (WasmFilterSpec) f;
        PluginSpec plugin =
                plugin(
                        w.name(),
                        w.plugin(),
                        w.reloadBackoffMillis(),
                        w.allowOnHeadersStopIteration(),
                        false,
                        w.inject());
        FaultSpec fault = w.inject();
        if (fault != null && !plugin.vm().module().exportsFunction(fault.callback().exportName())) {
            throw new FilterStartException(
                    w.name()
                            + ": inject: "
                            + w.plugin().module().name()
                            + " does not export "
                            + fault.callback().exportName()
                            + ", so Envoy never calls it and the fault could not happen");
        }
        canary.add(plugin);
        return new WasmChainFilter(plugin, env);
    }

    private PluginSpec plugin(
            String name,
            WasmPlugin wp,
            long reloadBackoffMillis,
            boolean allowOnHeadersStopIteration,
            boolean service,
            FaultSpec fault) {
        VmSpec vm = vmSpec(name, wp);
        byte[] c = wp.configuration().getBytes(StandardCharsets.UTF_8);
        FailurePolicy policy = service ? FailurePolicy.FAIL_CLOSED : wp.failurePolicy();
        return new PluginSpec(
                PluginSpec.keyOf(wp.rootId(), c, vm) + "/" + name,
                name,
                wp.rootId(),
                c,
                vm,
                policy,
                reloadBackoffMillis,
                allowOnHeadersStopIteration,
                service,
                fault);
    }

    private VmSpec vmSpec(String owner, WasmPlugin wp) {
        LoadedModule module;
        try {
            module = ModuleCache.load(wp.module().name(), wp.module().bytes());
        } catch (ModuleLoadException e) {
            throw new ModuleLoadException(owner + ": " + e.getMessage(), e);
        }
        byte[] config = wp.vmConfiguration().getBytes(StandardCharsets.UTF_8);
        String key = VmSpec.keyOf(wp.vmId(), config, module);
        return vms.computeIfAbsent(
                key,
                k ->
                        new VmSpec(
                                k,
                                wp.vmId().isEmpty() ? owner : wp.vmId(),
                                module,
                                wp.vmId(),
                                config,
                                Map.copyOf(wp.environment())));
    }
}
