package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario an import is putting together, in the scenario file's own keys (so that reading it
 * back goes through every rule a scenario file meets): the HTTP and TCP chains, clusters and
 * routes, services and access loggers, the lines to tell the user, and the modules that came
 * inline.
 */
final class ImportDraft {
    static final ObjectMapper JSON = new ObjectMapper();

    final EnvoyImport.Options options;
    final Modules modules;
    final List<Map<String, Object>> httpFilters = new ArrayList<>();
    final List<Map<String, Object>> tcpFilters = new ArrayList<>();
    final Map<String, JsonNode> clusters = new LinkedHashMap<>();
    final Set<String> tcpClusters = new HashSet<>();
    final Set<String> fetchClusters = new HashSet<>();
    final List<Map<String, Object>> services = new ArrayList<>();
    final List<Map<String, Object>> accessLoggers = new ArrayList<>();

    /** Logger configs already read: export writes a logger on each listener. */
    final Set<JsonNode> loggerConfigs = new HashSet<>();

    final List<String> notes = new ArrayList<>();
    final Map<String, byte[]> inline = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    boolean httpListener;
    boolean tcpListener;
    String route;
    String tcpRoute;

    ImportDraft(EnvoyImport.Options options, java.nio.file.Path baseDir) {
        this.options = options;
        this.modules = new Modules(this, baseDir);
    }

    /** A name no filter, logger or service has yet: {@code wanted}, or it with -2, -3... */
    String uniqueName(String wanted) {
        String base = wanted == null || wanted.isBlank() ? "filter" : wanted.trim();
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    void note(String line) {
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }

    /** A placeholder entry, and the line that lists it. */
    Map<String, Object> placeholder(String name, String type, JsonNode config, String reason) {
        note(
                name
                        + " ("
                        + (type.isEmpty() ? "no type" : type)
                        + "): not run here, kept as a placeholder: "
                        + reason);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("placeholder", type);
        f.put("reason", reason);
        if (config != null && config.isObject() && !config.isEmpty()) {
            f.put("config", JSON.convertValue(config, Map.class));
        }
        return f;
    }

    static Object value(JsonNode n) {
        return JSON.convertValue(n, Object.class);
    }
}
