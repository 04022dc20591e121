package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.scenario.Durations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Envoy's {@code envoy.extensions.wasm.v3.PluginConfig} as a scenario's plugin keys: {@code
 * root_id}, {@code vm_config} (the module, {@code vm_id}, its configuration, environment), the
 * plugin {@code configuration}, {@code failure_policy} (or the older {@code fail_open}) and the
 * reload back-off. Configurations are read as Envoy hands them to the plugin: a {@code StringValue}
 * or {@code BytesValue} as it is, a {@code Struct} as JSON (wasm.proto: "google.protobuf.Struct is
 * serialized as JSON before passing it to the plugin").
 */
final class WasmPlugins {
    private WasmPlugins() {}

    /** The keys of {@code config}; {@code owner} is the filter's (or service's) name. */
    static Map<String, Object> read(ImportDraft draft, JsonNode config, String owner)
            throws NotRunnable {
        JsonNode vm = config.path("vm_config");
        Map<String, Object> m =
                new LinkedHashMap<>(
                        draft.modules.envoyCode(
                                vm.path("code"), vm.path("runtime").asText(""), owner));
        put(m, "rootId", config.path("root_id").asText(""));
        put(m, "vmId", vm.path("vm_id").asText(""));
        put(
                m,
                "configuration",
                configuration(config.get("configuration"), owner + ".configuration"));
        put(
                m,
                "vmConfiguration",
                configuration(vm.get("configuration"), owner + ".vm_config.configuration"));
        put(m, "failurePolicy", failurePolicy(config));
        JsonNode env = vm.path("environment_variables");
        if (env.has("key_values")) {
            m.put("environment", ImportDraft.value(env.get("key_values")));
        }
        if (env.path("host_env_keys").size() > 0) {
            draft.note(
                    owner
                            + ": host_env_keys "
                            + env.get("host_env_keys")
                            + " take Envoy's own environment; set them under environment: by hand");
        }
        JsonNode backoff = config.at("/reload_config/backoff/base_interval");
        if (!backoff.isMissingNode()) {
            m.put("reloadBackoff", Durations.millisWithUnit(backoff.asText()).orElse(1000L) + "ms");
        }
        if (config.has("capability_restriction_config")) {
            draft.note(owner + ": capability_restriction_config is not applied in the playground");
        }
        return m;
    }

    /** {@code failure_policy}, or the deprecated {@code fail_open}; null for Envoy's default. */
    private static String failurePolicy(JsonNode config) {
        String p = config.path("failure_policy").asText("");
        return switch (p) {
            case "FAIL_OPEN" -> "failOpen";
            case "FAIL_RELOAD" -> "failReload";
            case "FAIL_CLOSED" -> "failClosed";
            default -> config.path("fail_open").asBoolean(false) ? "failOpen" : null;
        };
    }

    /** What Envoy hands the plugin for an {@code Any} configuration, as text. */
    static String configuration(JsonNode any, String at) throws NotRunnable {
        if (any == null || any.isNull()) {
            return null;
        }
        String type = any.path("@type").asText("");
        JsonNode value = any.get("value");
        if (type.equals(EnvoyTypes.STRING_VALUE)) {
            return value == null ? "" : value.asText();
        }
        if (type.equals(EnvoyTypes.BYTES_VALUE)) {
            byte[] bytes =
                    value == null ? new byte[0] : Base64.getMimeDecoder().decode(value.asText());
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
                throw new NotRunnable(
                        at + " is binary (BytesValue), and a configuration here is text");
            }
            return text;
        }
        if (type.equals(EnvoyTypes.STRUCT)) {
            return value == null ? "{}" : value.toString();
        }
        throw new NotRunnable(
                at + " is a " + type + "; the playground reads StringValue, BytesValue or Struct");
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
