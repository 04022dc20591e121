package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.util.List;

/**
 * A TCP listener's filter chain: the enabled Wasm network filters in order ({@code
 * envoy.filters.network.wasm}), then the TCP proxy to the listener's route with the scenario's
 * access loggers.
 */
final class NetworkFilters {
    private static final String WASM_TYPE =
            "type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm";

    private NetworkFilters() {}

    static ArrayNode of(Scenario s, TcpListenerSpec tcp, String moduleDir, List<String> notes) {
        ArrayNode filters = F.arrayNode();
        for (FilterSpec f : tcp.filters()) {
            // The scenario file admits only Wasm filters on a TCP listener.
            if (f.enabled() && f instanceof WasmFilterSpec w) {
                ObjectNode o = filters.addObject();
                o.put("name", w.name());
                o.putObject("typed_config")
                        .put("@type", WASM_TYPE)
                        .set("config", WasmPluginConfig.filter(w, moduleDir, notes));
            }
        }
        ObjectNode proxy = filters.addObject();
        proxy.put("name", "envoy.filters.network.tcp_proxy");
        ObjectNode tc = proxy.putObject("typed_config");
        tc.put(
                "@type",
                "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy");
        tc.put("stat_prefix", "playground");
        tc.put("cluster", tcp.route());
        AccessLoggers.into(s, tc, moduleDir, notes);
        return filters;
    }
}
