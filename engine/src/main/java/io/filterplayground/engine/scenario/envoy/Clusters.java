package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy clusters as the scenario's: as the playground had them when an export kept them in their
 * metadata, else mocks (an HTTP 200, or a TCP echo for a cluster a TCP proxy uses), or with {@code
 * realClusters} their first endpoint's address. Clusters that only serve module downloads are left
 * out; a cluster the routes name but the file lacks is a mock.
 */
final class Clusters {
    private Clusters() {}

    static Map<String, Object> of(ImportDraft d) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> mocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : d.clusters.entrySet()) {
            String name = e.getKey();
            if (d.fetchClusters.contains(name)
                    && !name.equals(d.route)
                    && !name.equals(d.tcpRoute)) {
                continue;
            }
            out.put(name, cluster(d, name, e.getValue(), mocks));
        }
        for (String routed : new String[] {d.route, d.tcpRoute}) {
            if (routed != null && !out.containsKey(routed)) {
                out.put(routed, mock(d, routed));
                mocks.add(routed);
            }
        }
        if (!mocks.isEmpty()) {
            d.note(
                    "clusters "
                            + String.join(", ", mocks)
                            + " are mocks here"
                            + (d.options.realClusters()
                                    ? " (no address to use)"
                                    : " (import with --real-clusters to send to their addresses)"));
        }
        return out;
    }

    private static Object cluster(ImportDraft d, String name, JsonNode c, List<String> mocks) {
        JsonNode kept =
                c.at("/metadata/filter_metadata/" + EnvoyTypes.PLAYGROUND_METADATA + "/cluster");
        if (!d.options.realClusters() && kept.isObject()) {
            return ImportDraft.value(kept);
        }
        JsonNode address =
                c.at("/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address/socket_address");
        if (d.options.realClusters() && address.has("address")) {
            String scheme =
                    d.tcpClusters.contains(name)
                            ? "tcp"
                            : c.at("/transport_socket/typed_config/@type")
                                                    .asText("")
                                                    .equals(EnvoyTypes.TLS)
                                            || c.at("/transport_socket/name")
                                                    .asText("")
                                                    .contains("tls")
                                    ? "https"
                                    : "http";
            Map<String, Object> url = new LinkedHashMap<>();
            url.put(
                    "url",
                    scheme
                            + "://"
                            + address.get("address").asText()
                            + ":"
                            + address.path("port_value").asInt(scheme.equals("https") ? 443 : 80));
            return url;
        }
        mocks.add(name);
        return mock(d, name);
    }

    private static Map<String, Object> mock(ImportDraft d, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d.tcpClusters.contains(name)) {
            m.put("tcp", Map.of("echo", true));
        } else {
            Map<String, Object> mock = new LinkedHashMap<>();
            mock.put("status", 200);
            mock.put("headers", Map.of("content-type", "text/plain"));
            mock.put("body", "hello from " + name + "\n");
            m.put("mock", mock);
        }
        return m;
    }
}
