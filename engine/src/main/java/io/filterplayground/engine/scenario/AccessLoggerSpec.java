package io.filterplayground.engine.scenario;

/**
 * A Wasm access logger (Envoy's {@code envoy.access_loggers.wasm}): its plugin's root context gets
 * {@code proxy_on_log} for each finished request or connection, after every filter's own.
 */
public record AccessLoggerSpec(String name, boolean enabled, WasmPlugin plugin) {

    /** An enabled logger of {@code module} with Envoy's plugin defaults. */
    public static AccessLoggerSpec of(String name, ModuleSource module) {
        return new AccessLoggerSpec(name, true, WasmPlugin.of(module));
    }

    public AccessLoggerSpec withEnabled(boolean on) {
        return new AccessLoggerSpec(name, on, plugin);
    }

    public AccessLoggerSpec withPlugin(WasmPlugin p) {
        return new AccessLoggerSpec(name, enabled, p);
    }
}
