package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;

/**
 * A TCP listener's filter chain: the enabled network filters in order (Wasm ones as {@code
 * envoy.filters.network.wasm}, placeholders as they came), then the TCP proxy to the listener's
 * route with the scenario's access loggers. Envoy's network filters cannot be switched off, so a
 * filter that is off is left out, with a note.
 */
final class NetworkFilters {
    private NetworkFilters() {}

    static ArrayNode of(Scenario s, TcpListenerSpec tcp, String moduleDir, List<String> notes) {
        ArrayNode filters = F.arrayNode();
        for (FilterSpec f : tcp.filters()) {
            if (!f.enabled()) {
                notes.add(
                        f.name()
                                + ": switched off, and an Envoy network filter cannot be, so it is"
                                + " left out");
                continue;
            }
            ObjectNode o = F.objectNode().put("name", f.name());
            if (f instanceof PlaceholderFilterSpec p) {
                o = Placeholders.entry(p, o, notes);
            } else if (f instanceof WasmFilterSpec w) {
                o.putObject("typed_config")
                        .put("@type", EnvoyTypes.NETWORK_WASM)
                        .set("config", WasmPluginConfig.filter(w, moduleDir, notes));
            }
            if (o != null) {
                filters.add(o);
            }
        }
        ObjectNode proxy = filters.addObject();
        proxy.put("name", EnvoyTypes.TCP_PROXY_NAME);
        ObjectNode tc = proxy.putObject("typed_config");
        tc.put("@type", EnvoyTypes.TCP_PROXY);
        tc.put("stat_prefix", "playground");
        tc.put("cluster", tcp.route());
        AccessLoggers.into(s, tc, moduleDir, notes);
        return filters;
    }
}
