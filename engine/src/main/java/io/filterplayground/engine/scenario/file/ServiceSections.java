package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;

/** {@code services:}, the Wasm services: a plugin each, singleton (the default) or per worker. */
final class ServiceSections {
    private ServiceSections() {}

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

    static final ListSection<ServiceSpec> SERVICES =
            new ListSection<>(
                    "services",
                    "must be a list of services",
                    Scenario::services,
                    ServiceSections::service,
                    SERVICE);

    private static ServiceSpec service(Fields s, int index) {
        WasmPluginSections.Entry e =
                WasmPluginSections.readWithModule(s, SERVICE, NAME, "a service");
        return new ServiceSpec(e.name(), e.plugin(), e.draft().get(SINGLETON));
    }
}
