package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The bootstrap's clusters: the scenario's (mocks become a static endpoint to point at a real
 * backend), then one per host that remote modules are fetched from.
 */
final class EnvoyClusters {
    private EnvoyClusters() {}

    static ArrayNode of(Scenario s, List<String> notes) {
        ArrayNode clusters = F.arrayNode();
        for (ClusterSpec c : s.clusters().values()) {
            clusters.add(cluster(c, notes));
        }
        fetchClusters(s, clusters);
        return clusters;
    }

    static String fetchClusterName(HttpUrl u) {
        return "wasm_fetch_" + u.host().replaceAll("[^A-Za-z0-9]", "_") + "_" + u.port();
    }

    /** One cluster per host that remote modules are fetched from (TLS for https). */
    private static void fetchClusters(Scenario s, ArrayNode clusters) {
        Set<String> done = new HashSet<>();
        List<ModuleSource> modules = new ArrayList<>();
        for (FilterSpec f : s.allFilters()) {
            if (f.enabled() && f instanceof WasmFilterSpec w) {
                modules.add(w.plugin().module());
            }
        }
        for (ServiceSpec svc : s.services()) {
            modules.add(svc.plugin().module());
        }
        for (AccessLoggerSpec a : s.accessLoggers()) {
            if (a.enabled()) {
                modules.add(a.plugin().module());
            }
        }
        for (ModuleSource m : modules) {
            if (!m.remote()) {
                continue;
            }
            HttpUrl u = HttpUrl.get(m.ref());
            String name = fetchClusterName(u);
            if (!done.add(name)) {
                continue;
            }
            ObjectNode o = staticCluster(name, u.host(), u.port());
            clusters.add(o);
            if (u.isHttps()) {
                ObjectNode ts = o.putObject("transport_socket");
                ts.put("name", "envoy.transport_sockets.tls");
                ts.putObject("typed_config")
                        .put(
                                "@type",
                                "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")
                        .put("sni", u.host());
            }
        }
    }

    /** A STRICT_DNS cluster of one endpoint. */
    private static ObjectNode staticCluster(String name, String host, int port) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        o.put("type", "STRICT_DNS");
        o.put("connect_timeout", "5s");
        ObjectNode ep = o.putObject("load_assignment");
        ep.put("cluster_name", name);
        ep.putArray("endpoints")
                .addObject()
                .putArray("lb_endpoints")
                .addObject()
                .putObject("endpoint")
                .putObject("address")
                .putObject("socket_address")
                .put("address", host)
                .put("port_value", port);
        return o;
    }

    private static ObjectNode cluster(ClusterSpec c, List<String> notes) {
        String host = "127.0.0.1";
        int port = 8080;
        if (c.url() != null && c.isTcp()) {
            URI u = URI.create(c.url());
            host = u.getHost();
            port = u.getPort();
        } else if (c.url() != null) {
            HttpUrl u = HttpUrl.get(c.url());
            host = u.host();
            port = u.port();
        } else {
            notes.add(
                    "cluster "
                            + c.name()
                            + (c.isTcp()
                                    ? " is a mock TCP upstream in the playground: point it at a"
                                            + " real server"
                                    : " is a mock in the playground: point it at a real backend"));
        }
        return staticCluster(c.name(), host, port);
    }
}
