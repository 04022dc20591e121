package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code services:}, the Wasm services: a plugin each, singleton (the default) or per worker. */
final class ServiceSections implements Section<Scenario> {
    static final Slot<List<ServiceSpec>> SERVICES = Slot.of(List.of());

    private static final String KEY = "services";

    private static final Key<ServiceSpec, String> NAME = Key.named(ServiceSpec::name);
    private static final Key<ServiceSpec, Boolean> SINGLETON =
            Key.of("singleton", Values.BOOL, ServiceSpec::singleton, true).always();
    private static final Sections<ServiceSpec> SERVICE =
            Sections.of(
                    NAME,
                    WasmPluginSections.MODULE.on(ServiceSpec::plugin),
                    WasmPluginSections.ROOT_ID.on(ServiceSpec::plugin),
                    WasmPluginSections.VM_ID.on(ServiceSpec::plugin),
                    WasmPluginSections.CONFIGURATION.on(ServiceSpec::plugin),
                    WasmPluginSections.VM_CONFIGURATION.on(ServiceSpec::plugin),
                    SINGLETON,
                    WasmPluginSections.ENVIRONMENT.on(ServiceSpec::plugin));

    @Override
    public List<String> keys() {
        return List.of(KEY);
    }

    @Override
    public void read(Fields in, Draft into) {
        List<ServiceSpec> out = new ArrayList<>();
        for (Fields s : in.list(KEY, "must be a list of services")) {
            s.requireMap("must be a map with wasm:").allow(SERVICE.keys());
            if (!s.has(WasmPluginSections.ModuleSection.WASM)) {
                throw s.error(WasmPluginSections.ModuleSection.WASM, "a service needs a module");
            }
            Draft d = new Draft();
            SERVICE.read(s, d);
            WasmPlugin plugin = WasmPluginSections.build(d);
            out.add(
                    new ServiceSpec(
                            d.getOr(NAME, WasmPluginSections.defaultName(plugin.module())),
                            plugin,
                            d.get(SINGLETON)));
        }
        into.put(SERVICES, List.copyOf(out));
    }

    @Override
    public void write(Scenario s, Map<String, Object> out, UnaryOperator<String> refs) {
        if (!s.services().isEmpty()) {
            out.put(KEY, s.services().stream().map(svc -> SERVICE.toMap(svc, refs)).toList());
        }
    }
}
