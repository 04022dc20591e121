package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario as an Envoy static bootstrap: its listeners, the HTTP one with the HTTP connection
 * manager (the filters in order, then the router to the scenario's route) and the TCP one with the
 * network filters and the TCP proxy, each with the access loggers; the clusters; the Wasm services
 * as bootstrap extensions; and an admin address.
 */
public final class EnvoyBootstrap {
    /** The scenario's listener (HTTP, or TCP for {@code listener: tcp}) and its port. */
    private static final String LISTENER = "playground";

    static final int PORT = 10000;

    /** An http scenario's added TCP listener, on the next port. */
    private static final String ADDED_TCP_LISTENER = "playground-tcp";

    private EnvoyBootstrap() {}

    /** The bootstrap YAML; {@code moduleDir} is where the .wasm files will live. */
    public static String of(Scenario s, String moduleDir) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = F.objectNode();
        ObjectNode statics = root.putObject("static_resources");
        ArrayNode listeners = statics.putArray("listeners");
        if (s.hasHttpListener()) {
            ObjectNode hcmFilter =
                    filterChain(listeners, LISTENER, PORT).putArray("filters").addObject();
            hcmFilter.put("name", EnvoyTypes.HCM_NAME);
            hcmFilter.set("typed_config", httpConnectionManager(s, moduleDir, notes));
        }
        TcpListenerSpec tcp = s.tcpListener();
        if (tcp != null) {
            boolean added = s.hasHttpListener();
            filterChain(listeners, added ? ADDED_TCP_LISTENER : LISTENER, added ? PORT + 1 : PORT)
                    .set("filters", NetworkFilters.of(s, tcp, moduleDir, notes));
        }
        statics.set("clusters", EnvoyClusters.of(s, notes));
        if (!s.services().isEmpty()) {
            ArrayNode ext = root.putArray("bootstrap_extensions");
            for (ServiceSpec svc : s.services()) {
                ObjectNode e = ext.addObject();
                e.put("name", EnvoyTypes.WASM_SERVICE_NAME);
                ObjectNode tc = e.putObject("typed_config");
                tc.put("@type", EnvoyTypes.WASM_SERVICE);
                tc.put("singleton", svc.singleton());
                tc.set("config", WasmPluginConfig.of(svc.name(), svc.plugin(), moduleDir, notes));
            }
        }
        root.putObject("admin")
                .putObject("address")
                .putObject("socket_address")
                .put("address", "127.0.0.1")
                .put("port_value", 9901);
        StringBuilder head = ExportYaml.header(s);
        head.append("# Run: envoy -c envoy.yaml --concurrency ")
                .append(s.workers())
                .append("   (the scenario's worker count)\n");
        if (s.hasHttpListener() && tcp != null) {
            head.append("# Listeners: HTTP on port ")
                    .append(PORT)
                    .append(", TCP on port ")
                    .append(PORT + 1)
                    .append('\n');
        }
        ExportYaml.notes(head, notes);
        return head + ExportYaml.write(root);
    }

    /** A listener on all addresses at {@code port}, and its one filter chain (returned). */
    private static ObjectNode filterChain(ArrayNode listeners, String name, int port) {
        ObjectNode listener = listeners.addObject();
        listener.put("name", name);
        listener.putObject("address")
                .putObject("socket_address")
                .put("address", "0.0.0.0")
                .put("port_value", port);
        return listener.putArray("filter_chains").addObject();
    }

    /** The HTTP filters in order, then the router to the scenario's route; the access loggers. */
    private static ObjectNode httpConnectionManager(
            Scenario s, String moduleDir, List<String> notes) {
        ObjectNode hcm = F.objectNode();
        hcm.put("@type", EnvoyTypes.HCM);
        hcm.put("stat_prefix", "playground");
        ObjectNode route = hcm.putObject("route_config");
        route.put("name", "playground_route");
        ObjectNode vhost = route.putArray("virtual_hosts").addObject();
        vhost.put("name", "all");
        vhost.putArray("domains").add("*");
        ObjectNode r = vhost.putArray("routes").addObject();
        r.putObject("match").put("prefix", "/");
        r.putObject("route").put("cluster", s.route());
        HttpFilters.perRoute(s, vhost, r, notes);
        hcm.set("http_filters", HttpFilters.of(s, moduleDir, notes));
        AccessLoggers.into(s, hcm, moduleDir, notes);
        return hcm;
    }
}
