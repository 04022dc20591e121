package io.filterplayground.engine.scenario.envoy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The imported scenario in the scenario file's keys: a tcp listener alone is {@code listener: tcp};
 * beside an HTTP one it is the {@code tcpListener:}. A request (and a connection for a TCP
 * listener) is added so that the scenario runs as it is.
 */
final class ScenarioTree {
    private ScenarioTree() {}

    static Map<String, Object> of(ImportDraft d) {
        boolean http =
                d.httpListener
                        || !d.httpFilters.isEmpty()
                        || !d.tcpListener && d.tcpFilters.isEmpty();
        boolean tcp = d.tcpListener || !d.tcpFilters.isEmpty();
        if (tcp && d.tcpRoute == null) {
            d.tcpRoute = "tcp-backend";
            d.tcpClusters.add(d.tcpRoute);
        }
        if (http && d.route == null && d.clusters.isEmpty()) {
            d.route = "backend";
        }
        Map<String, Object> t = new LinkedHashMap<>();
        if (!http) {
            t.put("listener", "tcp");
        }
        Map<String, Object> clusters = Clusters.of(d);
        if (!clusters.isEmpty()) {
            t.put("clusters", clusters);
        }
        if (http && d.route != null) {
            t.put("route", d.route);
        }
        if (!http) {
            t.put("route", d.tcpRoute);
        }
        t.put("filters", http ? d.httpFilters : d.tcpFilters);
        if (http && tcp) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("route", d.tcpRoute);
            l.put("filters", d.tcpFilters);
            t.put("tcpListener", l);
        }
        if (!d.accessLoggers.isEmpty()) {
            t.put("accessLoggers", d.accessLoggers);
        }
        if (!d.services.isEmpty()) {
            t.put("services", d.services);
        }
        if (http) {
            t.put("requests", List.of(Map.of("name", "imported", "path", "/")));
        }
        if (tcp) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", "imported");
            c.put("steps", List.of(Map.of("send", "hello\n"), Map.of("close", "downstream")));
            t.put("connections", List.of(c));
        }
        return t;
    }
}
