package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code access_log} entries: Wasm access loggers ({@code envoy.access_loggers.wasm}) become the
 * scenario's, once each though both listeners name them; others are listed as not run.
 */
final class AccessLogs {
    private AccessLogs() {}

    static void read(ImportDraft d, JsonNode logs) {
        for (JsonNode log : logs) {
            String type = log.at("/typed_config/@type").asText("");
            String entry = log.path("name").asText("");
            if (!type.equals(EnvoyTypes.WASM_ACCESS_LOG)) {
                d.note(
                        "access log "
                                + entry
                                + " ("
                                + type
                                + ") is not run: the playground runs Wasm access loggers");
                continue;
            }
            JsonNode config = log.at("/typed_config/config");
            if (!d.loggerConfigs.add(config)) {
                continue;
            }
            if (log.has("filter")) {
                d.note("access log " + entry + ": its filter is not applied; it logs everything");
            }
            String name = d.uniqueName(config.path("name").asText(entry));
            try {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", name);
                a.putAll(WasmPlugins.read(d, config, name));
                d.accessLoggers.add(a);
            } catch (NotRunnable e) {
                d.note("access logger " + name + " is not run: " + e.getMessage());
            }
        }
    }
}
