package io.filterplayground.engine.scenario;

/**
 * A Wasm service (Envoy's {@code envoy.bootstrap.wasm}): singleton runs one VM on the main thread,
 * otherwise one per worker. Services join timers, queues and shared data, never streams.
 */
public record ServiceSpec(String name, WasmPlugin plugin, boolean singleton) {

    /** A singleton service of {@code module} with Envoy's plugin defaults. */
    public static ServiceSpec of(String name, ModuleSource module) {
        return new ServiceSpec(name, WasmPlugin.of(module), true);
    }

    public ServiceSpec withName(String n) {
        return new ServiceSpec(n, plugin, singleton);
    }

    public ServiceSpec withPlugin(WasmPlugin p) {
        return new ServiceSpec(name, p, singleton);
    }

    public ServiceSpec withSingleton(boolean s) {
        return new ServiceSpec(name, plugin, s);
    }
}
