package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * The bootstrap's clusters: the scenario's (mocks become a static endpoint to point at a real
 * backend; each keeps its playground form in its metadata), then one per host that remote modules
 * are fetched from.
 */
final class EnvoyClusters {
    private EnvoyClusters() {}

    static ArrayNode of(Scenario s, List<String> notes) {
        ArrayNode clusters = F.arrayNode();
        Object files = ScenarioWriter.toMap(s, UnaryOperator.identity()).get("clusters");
        for (ClusterSpec c : s.clusters().values()) {
            ObjectNode o = cluster(c, notes);
            // Kept as the playground had it (Envoy ignores metadata it has no filter for), so that
            // importing the export gives the same cluster back.
            if (files instanceof Map<?, ?> m && m.get(c.name()) != null) {
                o.putObject("metadata")
                        .putObject("filter_metadata")
                        .set(
                                EnvoyTypes.PLAYGROUND_METADATA,
                                F.objectNode().set("cluster", JSON.valueToTree(m.get(c.name()))));
            }
            clusters.add(o);
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
        for (ModuleSource m : ModuleSource.allOf(s)) {
            if (!m.remote()) {
                continue;
            }
            HttpUrl u = HttpUrl.get(m.ref());
            String name = fetchClusterName(u);
            if (done.add(name)) {
                ObjectNode o = staticCluster(name, u.host(), u.port());
                clusters.add(o);
                if (u.isHttps()) {
                    tls(o, u.host());
                }
            }
        }
    }

    private static void tls(ObjectNode cluster, String sni) {
        ObjectNode ts = cluster.putObject("transport_socket");
        ts.put("name", "envoy.transport_sockets.tls");
        ts.putObject("typed_config").put("@type", EnvoyTypes.TLS).put("sni", sni);
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
            ObjectNode o = staticCluster(c.name(), u.host(), u.port());
            if (u.isHttps()) {
                tls(o, u.host());
            }
            return o;
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
