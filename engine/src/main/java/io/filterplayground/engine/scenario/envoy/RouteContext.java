package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What Envoy reads for a filter from the route a request takes (the first route of the first
 * virtual host): per-filter config (the route's, else the virtual host's {@code
 * typed_per_filter_config}, by filter name) and the route's {@code metadata}.
 */
record RouteContext(JsonNode vhost, JsonNode route) {
    static final RouteContext NONE =
            new RouteContext(MissingNode.getInstance(), MissingNode.getInstance());

    /** The typed per-filter config for the filter named {@code name}, or null. */
    JsonNode perFilter(String name) {
        JsonNode r = route.at("/typed_per_filter_config").path(name);
        if (!r.isMissingNode()) {
            return r;
        }
        JsonNode v = vhost.at("/typed_per_filter_config").path(name);
        return v.isMissingNode() ? null : v;
    }

    /** The route's filter metadata under {@code name}, else under Envoy's Lua filter name. */
    JsonNode metadata(String name) {
        JsonNode fm = route.at("/metadata/filter_metadata");
        JsonNode m = fm.path(name);
        return m.isMissingNode()
                ? (fm.has("envoy.filters.http.lua") ? fm.get("envoy.filters.http.lua") : null)
                : m;
    }

    /** A CORS filter's policy: per-filter config, else the older {@code cors} field. */
    JsonNode corsPolicy(String name) {
        JsonNode p = perFilter(name);
        if (p == null) {
            p = perFilter("envoy.filters.http.cors");
        }
        if (p == null && route.at("/route/cors").isObject()) {
            p = route.at("/route/cors");
        }
        if (p == null && vhost.path("cors").isObject()) {
            p = vhost.get("cors");
        }
        return p;
    }
}
