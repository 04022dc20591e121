package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Envoy v3 configuration as a scenario: a bootstrap (its listeners, clusters and Wasm services),
 * one listener, or an HTTP connection manager. The first listener with an HTTP connection manager
 * gives the HTTP chain and route; the first with a TCP proxy the TCP chain and route.
 */
final class EnvoyReader {
    private final ImportDraft d;

    EnvoyReader(ImportDraft d) {
        this.d = d;
    }

    /** Whether {@code doc} looks like one of the forms read here. */
    static boolean recognizes(JsonNode doc) {
        String type = doc.path("@type").asText("");
        return doc.has("static_resources")
                || doc.has("bootstrap_extensions")
                || doc.has("filter_chains")
                || doc.has("http_filters")
                || type.equals(EnvoyTypes.HCM)
                || doc.at("/typed_config/@type").asText("").equals(EnvoyTypes.HCM);
    }

    void read(JsonNode doc) {
        if (doc.has("static_resources") || doc.has("bootstrap_extensions")) {
            bootstrap(doc);
        } else if (doc.has("filter_chains")) {
            listener(doc);
        } else if (doc.has("typed_config")) {
            httpConnectionManager(doc.get("typed_config"));
        } else {
            httpConnectionManager(doc);
        }
    }

    private void bootstrap(JsonNode b) {
        JsonNode statics = b.path("static_resources");
        for (JsonNode l : statics.path("listeners")) {
            listener(l);
        }
        for (JsonNode c : statics.path("clusters")) {
            d.clusters.put(c.path("name").asText(), c);
        }
        for (JsonNode e : b.path("bootstrap_extensions")) {
            String type = e.at("/typed_config/@type").asText("");
            if (!type.equals(EnvoyTypes.WASM_SERVICE)) {
                d.note(
                        "bootstrap extension "
                                + e.path("name").asText()
                                + " ("
                                + type
                                + ") is not run");
                continue;
            }
            JsonNode config = e.at("/typed_config/config");
            String name =
                    d.uniqueName(config.path("name").asText(e.path("name").asText("service")));
            try {
                Map<String, Object> svc = new LinkedHashMap<>();
                svc.put("name", name);
                svc.putAll(WasmPlugins.read(d, config, name));
                // A service has no stream to fail: Envoy reads no failure policy for it.
                svc.remove("failurePolicy");
                svc.remove("reloadBackoff");
                svc.put("singleton", e.at("/typed_config/singleton").asBoolean(false));
                d.services.add(svc);
            } catch (NotRunnable ex) {
                d.note("Wasm service " + name + " is not run: " + ex.getMessage());
            }
        }
        if (b.has("dynamic_resources")) {
            d.note("dynamic_resources (xDS) are not followed: only static resources are imported");
        }
    }

    private void listener(JsonNode l) {
        String name = l.path("name").asText("listener");
        JsonNode chains = l.path("filter_chains");
        if (chains.size() > 1) {
            d.note(
                    "listener "
                            + name
                            + ": only its first filter chain is imported, of "
                            + chains.size());
        }
        if (l.path("listener_filters").size() > 0) {
            d.note("listener " + name + ": listener_filters are not run");
        }
        List<JsonNode> filters = new ArrayList<>();
        chains.path(0).path("filters").forEach(filters::add);
        JsonNode hcm = null;
        JsonNode tcpProxy = null;
        for (JsonNode f : filters) {
            String type = f.at("/typed_config/@type").asText("");
            if (type.equals(EnvoyTypes.HCM)) {
                hcm = f.get("typed_config");
            } else if (type.equals(EnvoyTypes.TCP_PROXY)) {
                tcpProxy = f.get("typed_config");
            }
        }
        if (hcm != null) {
            if (d.httpListener) {
                d.note("listener " + name + ": a second HTTP listener is not imported");
                return;
            }
            for (JsonNode f : filters) {
                if (f.get("typed_config") != hcm) {
                    d.note(
                            "listener "
                                    + name
                                    + ": network filter "
                                    + f.path("name").asText()
                                    + " before the HTTP connection manager is not run");
                }
            }
            httpConnectionManager(hcm);
        } else if (tcpProxy != null) {
            if (d.tcpListener) {
                d.note("listener " + name + ": a second TCP listener is not imported");
                return;
            }
            tcp(filters, tcpProxy);
        } else {
            d.note("listener " + name + " has neither an HTTP connection manager nor a TCP proxy");
        }
    }

    /** A TCP listener: its network filters up to the TCP proxy, whose cluster is the route. */
    private void tcp(List<JsonNode> filters, JsonNode tcpProxy) {
        d.tcpListener = true;
        for (JsonNode f : filters) {
            if (f.get("typed_config") == tcpProxy) {
                break;
            }
            d.tcpFilters.add(HttpFilterReader.read(d, f, RouteContext.NONE, true));
        }
        d.tcpRoute = tcpProxy.path("cluster").asText(null);
        if (d.tcpRoute == null && tcpProxy.has("weighted_clusters")) {
            d.tcpRoute = tcpProxy.at("/weighted_clusters/clusters/0/name").asText(null);
            d.note("tcp_proxy: weighted clusters; connections go to the first, " + d.tcpRoute);
        }
        if (d.tcpRoute != null) {
            d.tcpClusters.add(d.tcpRoute);
        }
        AccessLogs.read(d, tcpProxy.path("access_log"));
    }

    private void httpConnectionManager(JsonNode hcm) {
        d.httpListener = true;
        JsonNode routeConfig = hcm.path("route_config");
        if (hcm.has("rds")) {
            d.note("the HTTP connection manager's routes come over RDS, which is not followed");
        }
        JsonNode vhosts = routeConfig.path("virtual_hosts");
        JsonNode vhost = vhosts.path(0);
        JsonNode route = vhost.path("routes").path(0);
        int others = -1;
        for (JsonNode v : vhosts) {
            others += v.path("routes").size();
        }
        if (others > 0) {
            d.note(
                    "requests follow the first route ("
                            + route.path("match").toString()
                            + "); "
                            + others
                            + " other route(s) are not imported");
        }
        route(route.path("route"), route);
        RouteContext ctx = new RouteContext(vhost, route);
        boolean routed = false;
        for (JsonNode f : hcm.path("http_filters")) {
            String type = f.at("/typed_config/@type").asText("");
            if (routed) {
                d.note("http filter " + f.path("name").asText() + " after the router is never run");
            } else if (type.equals(EnvoyTypes.ROUTER)) {
                routed = true;
            } else {
                d.httpFilters.add(HttpFilterReader.read(d, f, ctx, false));
            }
        }
        routeHeaders(routeConfig, vhost, route);
        AccessLogs.read(d, hcm.path("access_log"));
    }

    private void route(JsonNode action, JsonNode route) {
        if (action.has("cluster")) {
            d.route = action.get("cluster").asText();
        } else if (action.has("weighted_clusters")) {
            d.route = action.at("/weighted_clusters/clusters/0/name").asText();
            d.note(
                    "the route splits traffic over weighted clusters; requests go to the first, "
                            + d.route);
        } else if (!route.isMissingNode()) {
            d.note(
                    "the first route does not name a cluster ("
                            + String.join(", ", fields(route))
                            + ")");
        }
    }

    /**
     * Headers the route configuration, virtual host and route add: Envoy adds them after every
     * filter on the request and before them on the response, as an add-header filter last in the
     * chain does.
     */
    private void routeHeaders(JsonNode routeConfig, JsonNode vhost, JsonNode route) {
        List<JsonNode> request = new ArrayList<>();
        List<JsonNode> response = new ArrayList<>();
        for (JsonNode level : new JsonNode[] {routeConfig, vhost, route}) {
            level.path("request_headers_to_add").forEach(request::add);
            level.path("response_headers_to_add").forEach(response::add);
        }
        String name = d.uniqueName("route-headers");
        try {
            Map<String, Object> n = NativeImports.routeHeaders(request, response);
            if (n != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", name);
                f.putAll(n);
                d.httpFilters.add(f);
                d.note(
                        name
                                + ": the route's headers_to_add, as an add-header filter last in the chain");
            }
        } catch (NotRunnable e) {
            d.note("the route's headers_to_add are not imported: " + e.getMessage());
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
