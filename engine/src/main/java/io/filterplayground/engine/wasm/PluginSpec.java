package io.filterplayground.engine.wasm;

import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FaultSpec;
import java.nio.charset.StandardCharsets;

/**
 * A plugin: one filter (or service) of the scenario on top of a VM. Envoy keeps one root context
 * per plugin key per VM ({@code SHA256(root_id || configuration || vm_key)}), so two filters with
 * the same root_id, configuration and VM share a root context.
 */
public record PluginSpec(
        String key,
        String name,
        String rootId,
        byte[] configuration,
        VmSpec vm,
        FailurePolicy failurePolicy,
        long reloadBackoffMillis,
        boolean allowOnHeadersStopIteration,
        boolean service,
        FaultSpec fault) {

    public static String keyOf(String rootId, byte[] configuration, VmSpec vm) {
        String s =
                rootId
                        + "||"
                        + new String(configuration, StandardCharsets.ISO_8859_1)
                        + "||"
                        + vm.key();
        return LoadedModule.sha256(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
