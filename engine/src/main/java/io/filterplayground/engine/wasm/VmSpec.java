package io.filterplayground.engine.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What makes a VM: code, vm_id and vm configuration. Envoy shares one VM per worker among every
 * filter with the same key (docs/abi-notes.md: {@code vm_key = SHA256(vm_id || vm_config ||
 * code)}). {@code displayName} is what traces call it (its vm_id, or the first filter using it).
 */
public record VmSpec(
        String key,
        String displayName,
        LoadedModule module,
        String vmId,
        byte[] vmConfiguration,
        Map<String, String> environment) {

    public static String keyOf(String vmId, byte[] vmConfiguration, LoadedModule module) {
        byte[] id = (vmId + "||").getBytes(StandardCharsets.UTF_8);
        byte[] sep = "||".getBytes(StandardCharsets.UTF_8);
        byte[] code = module.sha256().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[id.length + vmConfiguration.length + sep.length + code.length];
        int at = 0;
        System.arraycopy(id, 0, all, at, id.length);
        at += id.length;
        System.arraycopy(vmConfiguration, 0, all, at, vmConfiguration.length);
        at += vmConfiguration.length;
        System.arraycopy(sep, 0, all, at, sep.length);
        at += sep.length;
        System.arraycopy(code, 0, all, at, code.length);
        return LoadedModule.sha256(all);
    }
}
