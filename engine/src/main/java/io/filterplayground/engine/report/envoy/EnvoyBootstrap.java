package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario as an Envoy static bootstrap: one listener with the HTTP connection manager (the
 * filters in order, then the router to the scenario's route) or, for a tcp listener, the network
 * filters and the TCP proxy; the access loggers; the clusters; the Wasm services as bootstrap
 * extensions; and an admin address.
 */
public final class EnvoyBootstrap {
    private EnvoyBootstrap() {}

    /** The bootstrap YAML; {@code moduleDir} is where the .wasm files will live. */
    public static String of(Scenario s, String moduleDir) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = F.objectNode();
        ObjectNode statics = root.putObject("static_resources");
        ObjectNode listener = statics.putArray("listeners").addObject();
        listener.put("name", "playground");
        listener.putObject("address")
                .putObject("socket_address")
                .put("address", "0.0.0.0")
                .put("port_value", 10000);
        ObjectNode chain = listener.putArray("filter_chains").addObject();
        if (s.listener() == Listener.TCP) {
            chain.set("filters", NetworkFilters.of(s, moduleDir, notes));
        } else {
            ObjectNode hcmFilter = chain.putArray("filters").addObject();
            hcmFilter.put("name", "envoy.filters.network.http_connection_manager");
            hcmFilter.set("typed_config", httpConnectionManager(s, moduleDir, notes));
        }
        statics.set("clusters", EnvoyClusters.of(s, notes));
        if (!s.services().isEmpty()) {
            ArrayNode ext = root.putArray("bootstrap_extensions");
            for (ServiceSpec svc : s.services()) {
                ObjectNode e = ext.addObject();
                e.put("name", "envoy.bootstrap.wasm");
                ObjectNode tc = e.putObject("typed_config");
                tc.put("@type", "type.googleapis.com/envoy.extensions.wasm.v3.WasmService");
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
        ExportYaml.notes(head, notes);
        return head + ExportYaml.write(root);
    }

    /** The HTTP filters in order, then the router to the scenario's route; the access loggers. */
    private static ObjectNode httpConnectionManager(
            Scenario s, String moduleDir, List<String> notes) {
        ObjectNode hcm = F.objectNode();
        hcm.put(
                "@type",
                "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager");
        hcm.put("stat_prefix", "playground");
        ObjectNode route = hcm.putObject("route_config");
        route.put("name", "playground_route");
        ObjectNode vhost = route.putArray("virtual_hosts").addObject();
        vhost.put("name", "all");
        vhost.putArray("domains").add("*");
        ObjectNode r = vhost.putArray("routes").addObject();
        r.putObject("match").put("prefix", "/");
        r.putObject("route").put("cluster", s.route());
        HttpFilters.corsPolicies(s, vhost);
        hcm.set("http_filters", HttpFilters.of(s, moduleDir, notes));
        AccessLoggers.into(s, hcm, moduleDir, notes);
        return hcm;
    }
}
