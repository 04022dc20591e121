package io.filterplayground.engine.report.envoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;

/**
 * The enabled access loggers as the {@code access_log} of the HTTP connection manager or the TCP
 * proxy, each an {@code envoy.access_loggers.wasm} with its plugin.
 */
final class AccessLoggers {
    private AccessLoggers() {}

    static void into(Scenario s, ObjectNode owner, String moduleDir, List<String> notes) {
        ArrayNode logs = null;
        for (AccessLoggerSpec a : s.accessLoggers()) {
            if (!a.enabled()) {
                notes.add(
                        a.name()
                                + ": switched off, and an Envoy access log cannot be, so it is"
                                + " left out");
                continue;
            }
            if (logs == null) {
                logs = owner.putArray("access_log");
            }
            ObjectNode log = logs.addObject();
            log.put("name", EnvoyTypes.WASM_ACCESS_LOG_NAME);
            log.putObject("typed_config")
                    .put("@type", EnvoyTypes.WASM_ACCESS_LOG)
                    .set("config", WasmPluginConfig.of(a.name(), a.plugin(), moduleDir, notes));
        }
    }
}
