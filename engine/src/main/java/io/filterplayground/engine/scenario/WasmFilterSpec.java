package io.filterplayground.engine.scenario;

/**
 * A Wasm HTTP filter (Envoy's {@code envoy.filters.http.wasm}): its plugin, plus what only a filter
 * has: the back-off between reloads under {@code failReload}, whether {@code StopIteration} from a
 * headers callback is allowed, and an injected fault (null: none).
 */
public record WasmFilterSpec(
        String name,
        boolean enabled,
        WasmPlugin plugin,
        long reloadBackoffMillis,
        boolean allowOnHeadersStopIteration,
        FaultSpec inject)
        implements FilterSpec {

    public static final long DEFAULT_RELOAD_BACKOFF_MILLIS = 1000;

    /** An enabled filter of {@code module} with Envoy's defaults for everything else. */
    public static WasmFilterSpec of(String name, ModuleSource module) {
        return new WasmFilterSpec(
                name, true, WasmPlugin.of(module), DEFAULT_RELOAD_BACKOFF_MILLIS, false, null);
    }

    public static WasmFilterSpec of(
            String name, ModuleSource module, String rootId, String configuration) {
        WasmFilterSpec f = of(name, module);
        return f.withPlugin(f.plugin.withRootId(rootId).withConfiguration(configuration));
    }

    @Override
    public WasmFilterSpec withName(String n) {
        return new WasmFilterSpec(
                n, enabled, plugin, reloadBackoffMillis, allowOnHeadersStopIteration, inject);
    }

    @Override
    public WasmFilterSpec withEnabled(boolean on) {
        return new WasmFilterSpec(
                name, on, plugin, reloadBackoffMillis, allowOnHeadersStopIteration, inject);
    }

    public WasmFilterSpec withPlugin(WasmPlugin p) {
        return new WasmFilterSpec(
                name, enabled, p, reloadBackoffMillis, allowOnHeadersStopIteration, inject);
    }

    public WasmFilterSpec withReloadBackoffMillis(long millis) {
        return new WasmFilterSpec(
                name, enabled, plugin, millis, allowOnHeadersStopIteration, inject);
    }

    public WasmFilterSpec withAllowOnHeadersStopIteration(boolean allow) {
        return new WasmFilterSpec(name, enabled, plugin, reloadBackoffMillis, allow, inject);
    }

    /** The same filter with a fault injected (null: none). */
    public WasmFilterSpec withInject(FaultSpec fault) {
        return new WasmFilterSpec(
                name, enabled, plugin, reloadBackoffMillis, allowOnHeadersStopIteration, fault);
    }
}
