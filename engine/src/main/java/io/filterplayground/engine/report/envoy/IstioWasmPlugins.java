package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.scenario.WasmPlugin;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Istio {@code WasmPlugin} per enabled Wasm filter, chain by chain in order (higher priority
 * runs first within the phase): the HTTP chain's, then the TCP listener's with {@code type:
 * NETWORK}.
 */
public final class IstioWasmPlugins {
    private IstioWasmPlugins() {}

    /** The resources, as YAML documents; {@code imageBase} prefixes each module's image name. */
    public static String of(Scenario s, String imageBase) {
        List<String> docs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        chain(s.httpFilters(), false, imageBase, docs, notes);
        if (s.tcpListener() != null) {
            chain(s.tcpListener().filters(), true, imageBase, docs, notes);
        }
        for (AccessLoggerSpec a : s.accessLoggers()) {
            if (a.enabled()) {
                notes.add(
                        a.name()
                                + ": a WasmPlugin is a filter; add this access logger"
                                + " (envoy.access_loggers.wasm) with an EnvoyFilter");
            }
        }
        StringBuilder head = ExportYaml.header(s);
        ExportYaml.notes(head, notes);
        return head + String.join("---\n", docs);
    }

    /** The plugins of one chain, {@code network} for a TCP listener's, into {@code docs}. */
    private static void chain(
            List<FilterSpec> filters,
            boolean network,
            String imageBase,
            List<String> docs,
            List<String> notes) {
        List<WasmFilterSpec> wasm = new ArrayList<>();
        for (FilterSpec f : filters) {
            if (f.enabled() && f instanceof WasmFilterSpec w) {
                wasm.add(w);
            } else if (f.enabled() && f instanceof PlaceholderFilterSpec p) {
                placeholder(p, docs, notes);
            }
        }
        for (int i = 0; i < wasm.size(); i++) {
            WasmFilterSpec f = wasm.get(i);
            WasmPlugin plugin = f.plugin();
            ModuleSource module = plugin.module();
            ObjectNode p = F.objectNode();
            p.put("apiVersion", "extensions.istio.io/v1alpha1");
            p.put("kind", "WasmPlugin");
            p.putObject("metadata")
                    .put("name", f.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
            ObjectNode spec = p.putObject("spec");
            if (module.remote()) {
                // Istio fetches http(s) modules itself and checks their digest.
                spec.put("url", module.ref());
                spec.put("sha256", module.sha256());
            } else if (module.oci()) {
                spec.put("url", module.ref());
            } else {
                String image = module.name().replaceAll("\\.wasm$", "").replace('_', '-');
                spec.put("url", "oci://" + imageBase + "/" + image + ":latest");
            }
            spec.put("priority", (wasm.size() - i) * 10);
            if (network) {
                spec.put("type", "NETWORK");
            }
            if (!plugin.rootId().isEmpty()) {
                spec.put("pluginName", plugin.rootId());
            }
            JsonNode config = structOrNull(plugin.configuration());
            if (config != null) {
                spec.set("pluginConfig", config);
            } else if (!plugin.configuration().isEmpty()) {
                notes.add(
                        f.name()
                                + ": pluginConfig must be an object; this filter's configuration is"
                                + " plain text, set it by hand: "
                                + plugin.configuration());
            }
            spec.put(
                    "failStrategy",
                    switch (plugin.failurePolicy()) {
                        case FAIL_CLOSED -> "FAIL_CLOSE";
                        case FAIL_OPEN -> "FAIL_OPEN";
                        case FAIL_RELOAD -> "FAIL_RELOAD";
                    });
            if (!plugin.vmId().isEmpty()) {
                notes.add(
                        f.name()
                                + ": a WasmPlugin has no vm_id (Istio gives each plugin a VM of"
                                + " its own), so vm_id "
                                + plugin.vmId()
                                + " is left out");
            }
            if (!plugin.environment().isEmpty()) {
                ArrayNode env = spec.putObject("vmConfig").putArray("env");
                for (Map.Entry<String, String> e : plugin.environment().entrySet()) {
                    env.addObject().put("name", e.getKey()).put("value", e.getValue());
                }
            }
            docs.add(ExportYaml.write(p));
        }
    }

    /**
     * A placeholder kept from an Istio WasmPlugin goes back as it came; another Envoy filter needs
     * an EnvoyFilter, which the note says.
     */
    private static void placeholder(
            PlaceholderFilterSpec p, List<String> docs, List<String> notes) {
        if (p.typeUrl().equals(EnvoyTypes.ISTIO_WASM_PLUGIN)) {
            ObjectNode doc = F.objectNode();
            doc.put("apiVersion", "extensions.istio.io/v1alpha1");
            doc.put("kind", "WasmPlugin");
            doc.putObject("metadata").put("name", p.name());
            doc.set("spec", JSON.valueToTree(p.config()));
            docs.add(ExportYaml.write(doc));
        } else {
            notes.add(
                    p.name()
                            + " ("
                            + p.typeUrl()
                            + "): not a WasmPlugin; add it with an EnvoyFilter");
        }
    }

    private static JsonNode structOrNull(String configuration) {
        try {
            JsonNode n = JSON.readTree(configuration);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
