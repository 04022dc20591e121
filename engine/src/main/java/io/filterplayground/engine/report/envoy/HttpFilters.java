package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;
import java.util.Map;

/**
 * The HTTP connection manager's {@code http_filters}: the filters in order (a switched-off one with
 * {@code disabled: true}, which Envoy skips unless a route enables it), then the router; and what
 * Envoy reads from the route instead of the filter: a Lua filter's metadata and filter context, a
 * CORS filter's policy.
 */
final class HttpFilters {
    private HttpFilters() {}

    static ArrayNode of(Scenario s, String moduleDir, List<String> notes) {
        ArrayNode filters = F.arrayNode();
        for (FilterSpec f : s.httpFilters()) {
            ObjectNode o = httpFilter(f, moduleDir, notes);
            if (o != null) {
                if (!f.enabled()) {
                    o.put("disabled", true);
                }
                filters.add(o);
            }
        }
        ObjectNode router = filters.addObject();
        router.put("name", EnvoyTypes.ROUTER_NAME);
        router.putObject("typed_config").put("@type", EnvoyTypes.ROUTER);
        return filters;
    }

    /**
     * Per-filter settings Envoy reads from the route: a Lua filter's metadata (the route's {@code
     * metadata.filter_metadata} under the filter's name, what {@code handle:metadata()} reads) and
     * a CORS filter's policy (the virtual host's {@code typed_per_filter_config}, by filter name).
     */
    static void perRoute(Scenario s, ObjectNode vhost, ObjectNode route, List<String> notes) {
        for (FilterSpec f : s.httpFilters()) {
            if (f instanceof NativeFilterSpec n && n.kind().equals("cors")) {
                ObjectNode policy = F.objectNode().put("@type", EnvoyTypes.CORS_POLICY);
                policy.setAll(NativeFilterConfigs.corsPolicy(n.config()));
                typedPerFilter(vhost).set(f.name(), policy);
            } else if (f instanceof LuaFilterSpec l) {
                Object metadata = l.config().get("metadata");
                if (metadata instanceof Map<?, ?> m && !m.isEmpty()) {
                    ObjectNode fm =
                            route.withObjectProperty("metadata")
                                    .withObjectProperty("filter_metadata");
                    fm.set(f.name(), JSON.valueToTree(m));
                }
                if (l.config().get("filter_context") instanceof Map<?, ?> c && !c.isEmpty()) {
                    notes.add(
                            f.name()
                                    + ": filter_context (LuaPerRoute, Envoy 1.35) is newer than the"
                                    + " Envoy API this export is checked against, so it is left out");
                }
            }
        }
    }

    private static ObjectNode typedPerFilter(ObjectNode owner) {
        return owner.withObjectProperty("typed_per_filter_config");
    }

    /** The filter's entry, or null when Envoy cannot have it (a note says why). */
    private static ObjectNode httpFilter(FilterSpec f, String moduleDir, List<String> notes) {
        ObjectNode o = F.objectNode();
        o.put("name", f.name());
        if (f instanceof PlaceholderFilterSpec p) {
            return Placeholders.entry(p, o, notes);
        }
        ObjectNode tc = o.putObject("typed_config");
        if (f instanceof WasmFilterSpec w) {
            tc.put("@type", EnvoyTypes.HTTP_WASM);
            tc.set("config", WasmPluginConfig.filter(w, moduleDir, notes));
        } else if (f instanceof LuaFilterSpec l) {
            tc.put("@type", EnvoyTypes.LUA);
            tc.putObject("default_source_code").put("inline_string", l.script());
        } else if (f instanceof NativeFilterSpec n) {
            return NativeFilterConfigs.of(n, o, tc, notes) ? o : null;
        }
        return o;
    }
}
