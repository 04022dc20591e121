package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code http_filters} (or of a listener's network filters) as a scenario filter: a
 * Wasm plugin, a Lua script, a native filter the playground mirrors, or else a placeholder that
 * keeps the entry for export.
 */
final class HttpFilterReader {
    private HttpFilterReader() {}

    /** The scenario filter of {@code entry}; {@code network} for a listener's filter chain. */
    static Map<String, Object> read(
            ImportDraft d, JsonNode entry, RouteContext ctx, boolean network) {
        String entryName = entry.path("name").asText("");
        JsonNode tc = entry.get("typed_config");
        if (tc == null || !tc.isObject()) {
            ObjectNode raw = entry.deepCopy();
            raw.remove("name");
            return d.placeholder(
                    d.uniqueName(entryName),
                    "",
                    raw,
                    "it has no typed_config (config_discovery is not followed)");
        }
        String type = tc.path("@type").asText("");
        ObjectNode config = tc.deepCopy();
        config.remove("@type");
        String wasmName = tc.at("/config/name").asText("");
        boolean wasm = type.equals(network ? EnvoyTypes.NETWORK_WASM : EnvoyTypes.HTTP_WASM);
        // Envoy's own names say what a filter is, not which one: a plugin's name says more.
        String name =
                d.uniqueName(
                        wasm && !wasmName.isEmpty() && entryName.startsWith("envoy.")
                                ? wasmName
                                : entryName);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        if (entry.path("disabled").asBoolean(false)) {
            f.put("enabled", false);
        }
        try {
            if (wasm) {
                f.putAll(WasmPlugins.read(d, tc.path("config"), name));
            } else if (!network && type.equals(EnvoyTypes.LUA)) {
                lua(d, tc, entryName, ctx, f);
            } else {
                Map<String, Object> n =
                        network
                                ? null
                                : NativeImports.read(
                                        entryName, type, tc, ctx.corsPolicy(entryName));
                if (n == null) {
                    throw new NotRunnable("the playground has no " + shortName(type) + " filter");
                }
                f.putAll(n);
            }
            return f;
        } catch (NotRunnable e) {
            Map<String, Object> p = d.placeholder(name, type, config, e.getMessage());
            if (f.containsKey("enabled")) {
                p.put("enabled", false);
            }
            return p;
        }
    }

    private static String shortName(String type) {
        return type.isEmpty() ? "untyped" : type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * A Lua filter: the script the route runs (its {@code LuaPerRoute} source code, or the {@code
     * source_codes} entry it names, else {@code default_source_code}, else {@code inline_code}),
     * the route's metadata for it and its filter context.
     */
    private static void lua(
            ImportDraft d, JsonNode tc, String entryName, RouteContext ctx, Map<String, Object> f)
            throws NotRunnable {
        JsonNode perRoute = ctx.perFilter(entryName);
        JsonNode source = null;
        List<String> unused = new ArrayList<>();
        tc.path("source_codes").fieldNames().forEachRemaining(unused::add);
        if (perRoute != null) {
            if (perRoute.path("disabled").asBoolean(false)) {
                f.put("enabled", false);
            }
            if (perRoute.has("source_code")) {
                source = perRoute.get("source_code");
            } else if (perRoute.has("name")) {
                String n = perRoute.get("name").asText();
                source = tc.path("source_codes").get(n);
                if (source == null) {
                    throw new NotRunnable("its route names source code " + n + ", which it lacks");
                }
                unused.remove(n);
            }
        }
        if (source == null && tc.has("default_source_code")) {
            source = tc.get("default_source_code");
        }
        if (source == null && tc.has("inline_code")) {
            source =
                    ImportDraft.JSON
                            .createObjectNode()
                            .put("inline_string", tc.get("inline_code").asText());
        }
        if (source == null) {
            throw new NotRunnable("it has no script for the route");
        }
        if (source.has("filename")) {
            f.put("luaFile", d.modules.file(source.get("filename").asText()));
        } else if (source.has("inline_bytes")) {
            f.put(
                    "lua",
                    new String(
                            Base64.getMimeDecoder().decode(source.get("inline_bytes").asText()),
                            StandardCharsets.UTF_8));
        } else if (source.has("inline_string")) {
            f.put("lua", source.get("inline_string").asText());
        } else {
            throw new NotRunnable("its script is not a file or inline text");
        }
        if (!unused.isEmpty()) {
            d.note(
                    f.get("name")
                            + ": source_codes "
                            + unused
                            + " are for other routes' LuaPerRoute, which the playground does not"
                            + " have; not imported");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode metadata = ctx.metadata(entryName);
        if (metadata != null && metadata.isObject()) {
            config.put("metadata", ImportDraft.value(metadata));
        }
        if (perRoute != null && perRoute.path("filter_context").isObject()) {
            config.put("filter_context", ImportDraft.value(perRoute.get("filter_context")));
        }
        if (!config.isEmpty()) {
            f.put("config", config);
        }
    }
}
