package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.util.List;

/**
 * The HTTP connection manager's {@code http_filters}: the enabled filters in order, then router.
 */
final class HttpFilters {
    private static final String WASM_TYPE =
            "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";

    private HttpFilters() {}

    static ArrayNode of(Scenario s, String moduleDir, List<String> notes) {
        ArrayNode filters = F.arrayNode();
        for (FilterSpec f : s.httpFilters()) {
            if (f.enabled()) {
                filters.add(httpFilter(f, moduleDir, notes));
            }
        }
        ObjectNode router = filters.addObject();
        router.put("name", "envoy.filters.http.router");
        router.putObject("typed_config")
                .put("@type", "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");
        return filters;
    }

    /** Envoy reads a CORS policy from the route: each enabled cors filter's, on the host. */
    static void corsPolicies(Scenario s, ObjectNode vhost) {
        for (FilterSpec f : s.httpFilters()) {
            if (f.enabled() && f instanceof NativeFilterSpec n && n.kind().equals("cors")) {
                ObjectNode policy = JSON.valueToTree(n.config());
                policy.put(
                        "@type",
                        "type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy");
                vhost.putObject("typed_per_filter_config").set("envoy.filters.http.cors", policy);
            }
        }
    }

    private static ObjectNode httpFilter(FilterSpec f, String moduleDir, List<String> notes) {
        ObjectNode o = F.objectNode();
        o.put("name", f.name());
        ObjectNode tc = o.putObject("typed_config");
        if (f instanceof WasmFilterSpec w) {
            tc.put("@type", WASM_TYPE);
            tc.set("config", WasmPluginConfig.filter(w, moduleDir, notes));
        } else if (f instanceof LuaFilterSpec l) {
            tc.put("@type", "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua");
            tc.putObject("default_source_code").put("inline_string", l.script());
        } else if (f instanceof NativeFilterSpec n) {
            NativeFilterConfigs.of(n, o, tc, notes);
        }
        return o;
    }
}
