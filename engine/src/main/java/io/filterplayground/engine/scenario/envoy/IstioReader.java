package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio resources as a scenario: each {@code WasmPlugin} a Wasm filter (of the TCP chain for {@code
 * type: NETWORK}), ordered as Istio orders them, by phase (AUTHN, AUTHZ, STATS, then unspecified,
 * which Istio puts last before the router) and within a phase by descending priority; an {@code
 * EnvoyFilter}'s patches that add HTTP or network filters and clusters, in the places they name.
 * The filters of EnvoyFilters go between the phased plugins and the unspecified ones.
 */
final class IstioReader {
    private static final List<String> PHASES = List.of("AUTHN", "AUTHZ", "STATS");

    private final ImportDraft d;
    private final List<Plugin> plugins = new ArrayList<>();
    private final List<Map<String, Object>> patchedHttp = new ArrayList<>();

    private record Plugin(
            int phase, int priority, int order, boolean network, Map<String, Object> filter) {}

    IstioReader(ImportDraft d) {
        this.d = d;
    }

    static boolean recognizes(JsonNode doc) {
        return doc.path("apiVersion").asText("").contains("istio.io/");
    }

    void read(JsonNode doc) {
        String kind = doc.path("kind").asText("");
        switch (kind) {
            case "WasmPlugin" -> wasmPlugin(doc);
            case "EnvoyFilter" -> envoyFilter(doc);
            default ->
                    d.note(
                            "Istio "
                                    + kind
                                    + " "
                                    + doc.at("/metadata/name").asText()
                                    + " is not imported");
        }
    }

    /** Puts the plugins and patched filters into the chains, in Istio's order. */
    void finish() {
        plugins.sort(
                Comparator.comparingInt(Plugin::phase)
                        .thenComparing(Comparator.comparingInt(Plugin::priority).reversed())
                        .thenComparingInt(Plugin::order));
        for (Plugin p : plugins) {
            if (p.network()) {
                d.tcpFilters.add(p.filter());
            } else if (p.phase() < PHASES.size()) {
                d.httpFilters.add(p.filter());
            }
        }
        d.httpFilters.addAll(patchedHttp);
        for (Plugin p : plugins) {
            if (!p.network() && p.phase() == PHASES.size()) {
                d.httpFilters.add(p.filter());
            }
        }
    }

    private void wasmPlugin(JsonNode doc) {
        JsonNode spec = doc.path("spec");
        String name = d.uniqueName(doc.at("/metadata/name").asText("wasm-plugin"));
        boolean network = spec.path("type").asText("").equals("NETWORK");
        int phase = PHASES.indexOf(spec.path("phase").asText(""));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        try {
            f.putAll(
                    d.modules.istioUrl(
                            spec.path("url").asText(""), spec.path("sha256").asText(""), name));
            if (spec.has("pluginName")) {
                f.put("rootId", spec.get("pluginName").asText());
            }
            if (spec.has("pluginConfig")) {
                // Istio hands pluginConfig to Envoy as JSON text.
                f.put("configuration", spec.get("pluginConfig").toString());
            }
            switch (spec.path("failStrategy").asText("")) {
                case "FAIL_OPEN" -> f.put("failurePolicy", "failOpen");
                case "FAIL_RELOAD" -> f.put("failurePolicy", "failReload");
                default -> {}
            }
            Map<String, Object> env = new LinkedHashMap<>();
            for (JsonNode e : spec.at("/vmConfig/env")) {
                if (e.path("valueFrom").asText("INLINE").equals("HOST")) {
                    d.note(
                            name
                                    + ": env "
                                    + e.path("name").asText()
                                    + " comes from the proxy's environment; set it by hand");
                } else {
                    env.put(e.path("name").asText(), e.path("value").asText(""));
                }
            }
            if (!env.isEmpty()) {
                f.put("environment", env);
            }
            if (spec.has("match")) {
                d.note(
                        name
                                + ": its match (traffic selectors) is not applied; it sees every request");
            }
        } catch (NotRunnable e) {
            f = d.placeholder(name, EnvoyTypes.ISTIO_WASM_PLUGIN, spec, e.getMessage());
        }
        plugins.add(
                new Plugin(
                        phase < 0 ? PHASES.size() : phase,
                        spec.path("priority").asInt(0),
                        plugins.size(),
                        network,
                        f));
    }

    private void envoyFilter(JsonNode doc) {
        String resource = doc.at("/metadata/name").asText("envoy-filter");
        for (JsonNode patch : doc.at("/spec/configPatches")) {
            String applyTo = patch.path("applyTo").asText("");
            String op = patch.at("/patch/operation").asText("");
            JsonNode value = patch.at("/patch/value");
            boolean adds =
                    List.of("ADD", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST", "REPLACE")
                            .contains(op);
            if (applyTo.equals("HTTP_FILTER") && adds) {
                place(
                        patchedHttp,
                        patch,
                        op,
                        HttpFilterReader.read(d, value, RouteContext.NONE, false));
            } else if (applyTo.equals("NETWORK_FILTER") && adds) {
                place(
                        d.tcpFilters,
                        patch,
                        op,
                        HttpFilterReader.read(d, value, RouteContext.NONE, true));
            } else if (applyTo.equals("CLUSTER") && op.equals("ADD")) {
                d.clusters.put(value.path("name").asText(), value);
            } else {
                d.note("EnvoyFilter " + resource + ": " + applyTo + " " + op + " is not imported");
            }
        }
    }

    /** Where a patch puts a filter: first, before or after the sub-filter it names, or last. */
    private static void place(
            List<Map<String, Object>> chain, JsonNode patch, String op, Map<String, Object> f) {
        String anchor = patch.at("/match/listener/filterChain/filter/subFilter/name").asText("");
        if (anchor.isEmpty()) {
            anchor = patch.at("/match/listener/filterChain/filter/name").asText("");
        }
        int at = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).get("name").equals(anchor)) {
                at = i;
            }
        }
        switch (op) {
            case "INSERT_FIRST" -> chain.add(0, f);
            case "INSERT_BEFORE" -> chain.add(at < 0 ? chain.size() : at, f);
            case "INSERT_AFTER" -> chain.add(at < 0 ? chain.size() : at + 1, f);
            case "REPLACE" -> {
                if (at < 0) {
                    chain.add(f);
                } else {
                    chain.set(at, f);
                }
            }
            default -> chain.add(f);
        }
    }
}
