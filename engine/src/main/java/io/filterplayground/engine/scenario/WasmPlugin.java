package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * What a Wasm filter and a Wasm service share: Envoy's {@code PluginConfig} ({@code root_id},
 * {@code configuration}, {@code failure_policy}) with its {@code VmConfig} (the module, {@code
 * vm_id}, the vm {@code configuration}, {@code environment_variables}). Configurations keep the
 * text the user wrote.
 */
public record WasmPlugin(
        ModuleSource module,
        String rootId,
        String vmId,
        String configuration,
        String vmConfiguration,
        Map<String, String> environment,
        FailurePolicy failurePolicy) {

    /** {@code module} with Envoy's defaults: empty ids and configurations, fail closed. */
    public static WasmPlugin of(ModuleSource module) {
        return new WasmPlugin(module, "", "", "", "", Map.of(), FailurePolicy.FAIL_CLOSED);
    }

    public WasmPlugin withModule(ModuleSource m) {
        return new WasmPlugin(
                m, rootId, vmId, configuration, vmConfiguration, environment, failurePolicy);
    }

    public WasmPlugin withRootId(String id) {
        return new WasmPlugin(
                module, id, vmId, configuration, vmConfiguration, environment, failurePolicy);
    }

    public WasmPlugin withVmId(String id) {
        return new WasmPlugin(
                module, rootId, id, configuration, vmConfiguration, environment, failurePolicy);
    }

    public WasmPlugin withConfiguration(String text) {
        return new WasmPlugin(
                module, rootId, vmId, text, vmConfiguration, environment, failurePolicy);
    }

    public WasmPlugin withVmConfiguration(String text) {
        return new WasmPlugin(
                module, rootId, vmId, configuration, text, environment, failurePolicy);
    }

    public WasmPlugin withEnvironment(Map<String, String> env) {
        return new WasmPlugin(
                module, rootId, vmId, configuration, vmConfiguration, env, failurePolicy);
    }

    public WasmPlugin withFailurePolicy(FailurePolicy p) {
        return new WasmPlugin(module, rootId, vmId, configuration, vmConfiguration, environment, p);
    }
}
