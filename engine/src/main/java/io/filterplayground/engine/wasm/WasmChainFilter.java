package io.filterplayground.engine.wasm;

import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.filter.NetworkFilterFactory;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;

/** A Wasm filter of the chain: one plugin, one VM (and root context) per worker. */
public final class WasmChainFilter implements ChainFilter {
    private final PluginSpec plugin;
    private final HostEnvironment env;

    public WasmChainFilter(PluginSpec plugin, HostEnvironment env) {
        this.plugin = plugin;
        this.env = env;
    }

    @Override
    public String name() {
        return plugin.name();
    }

    public PluginSpec plugin() {
        return plugin;
    }

    @Override
    public void start(Worker worker) {
        WorkerVms.of(worker, env).root(plugin);
    }

    @Override
    public HttpFilterFactory factory(Worker worker) {
        return new WasmFilterFactory(plugin, WorkerVms.of(worker, env)).http();
    }

    @Override
    public NetworkFilterFactory networkFactory(Worker worker) {
        return new WasmFilterFactory(plugin, WorkerVms.of(worker, env)).network();
    }
}
