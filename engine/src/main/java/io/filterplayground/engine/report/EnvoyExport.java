package io.filterplayground.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.filterplayground.engine.scenario.ClusterSpec;
import io.filterplayground.engine.scenario.FailurePolicy;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.OciModules;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Leaving the playground: the scenario's chain as an Envoy bootstrap (listener, HTTP connection
 * manager with the filters in order, router, clusters, Wasm services) and as Istio {@code
 * WasmPlugin} resources. Mock clusters have no Envoy equivalent; they become static clusters to
 * point at a real backend, with a note.
 */
public final class EnvoyExport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    new YAMLFactory()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WASM_TYPE =
            "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
    private static final String STRING_VALUE = "type.googleapis.com/google.protobuf.StringValue";

    private EnvoyExport() {}

    /** Envoy static bootstrap YAML; {@code moduleDir} is where the .wasm files will live. */
    public static String envoy(Scenario s, String moduleDir) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = F.objectNode();
        ObjectNode hcm = F.objectNode();
        hcm.put(
                "@type",
                "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager");
        hcm.put("stat_prefix", "playground");
        ObjectNode route = hcm.putObject("route_config");
        route.put("name", "playground_route");
        ObjectNode vhost = route.putArray("virtual_hosts").addObject();
        vhost.put("name", "all");
        vhost.putArray("domains").add("*");
        ObjectNode r = vhost.putArray("routes").addObject();
        r.putObject("match").put("prefix", "/");
        r.putObject("route").put("cluster", s.route());
        for (FilterSpec f : s.filters()) {
            if (f.enabled()
                    && f.kind() == FilterSpec.Kind.NATIVE
                    && f.nativeKind().equals("cors")) {
                ObjectNode policy = JSON.valueToTree(f.nativeConfig());
                policy.put(
                        "@type",
                        "type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy");
                vhost.putObject("typed_per_filter_config").set("envoy.filters.http.cors", policy);
            }
        }
        ArrayNode filters = hcm.putArray("http_filters");
        for (FilterSpec f : s.filters()) {
            if (f.enabled()) {
                filters.add(httpFilter(f, moduleDir, notes));
            }
        }
        ObjectNode router = filters.addObject();
        router.put("name", "envoy.filters.http.router");
        router.putObject("typed_config")
                .put("@type", "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");

        ObjectNode statics = root.putObject("static_resources");
        ObjectNode listener = statics.putArray("listeners").addObject();
        listener.put("name", "playground");
        listener.putObject("address")
                .putObject("socket_address")
                .put("address", "0.0.0.0")
                .put("port_value", 10000);
        ObjectNode hcmFilter =
                listener.putArray("filter_chains").addObject().putArray("filters").addObject();
        hcmFilter.put("name", "envoy.filters.network.http_connection_manager");
        hcmFilter.set("typed_config", hcm);
        ArrayNode clusters = statics.putArray("clusters");
        for (ClusterSpec c : s.clusters().values()) {
            clusters.add(cluster(c, notes));
        }
        fetchClusters(s, clusters);
        if (!s.services().isEmpty()) {
            ArrayNode ext = root.putArray("bootstrap_extensions");
            for (ServiceSpec svc : s.services()) {
                ObjectNode e = ext.addObject();
                e.put("name", "envoy.bootstrap.wasm");
                ObjectNode tc = e.putObject("typed_config");
                tc.put("@type", "type.googleapis.com/envoy.extensions.wasm.v3.WasmService");
                tc.put("singleton", svc.singleton());
                tc.set(
                        "config",
                        plugin(
                                svc.name(),
                                svc.rootId(),
                                svc.vmId(),
                                svc.configuration(),
                                svc.vmConfiguration(),
                                code(svc.wasm(), moduleDir),
                                FailurePolicy.FAIL_CLOSED,
                                svc.environment()));
            }
        }
        root.putObject("admin")
                .putObject("address")
                .putObject("socket_address")
                .put("address", "127.0.0.1")
                .put("port_value", 9901);
        StringBuilder head =
                new StringBuilder("# Generated by filter-playground from " + s.source() + ".\n");
        head.append("# Run: envoy -c envoy.yaml --concurrency ")
                .append(s.workers())
                .append("   (the scenario's worker count)\n");
        for (String n : notes) {
            head.append("# NOTE: ").append(n).append('\n');
        }
        return head + write(root);
    }

    private static ObjectNode httpFilter(FilterSpec f, String moduleDir, List<String> notes) {
        ObjectNode o = F.objectNode();
        o.put("name", f.name());
        ObjectNode tc = o.putObject("typed_config");
        switch (f.kind()) {
            case WASM -> {
                if (f.inject() != null) {
                    notes.add(
                            f.name()
                                    + ": its inject: (a trap at "
                                    + f.inject().callbackName()
                                    + ") is the playground's own; Envoy has no such thing, so it"
                                    + " is left out");
                }
                if (OciModules.isOci(f.wasm().ref())) {
                    // Envoy reads files and http(s) sources, not registries.
                    notes.add(
                            "Envoy cannot pull "
                                    + f.wasm().ref()
                                    + ": put the module at "
                                    + moduleDir
                                    + "/"
                                    + f.wasm().name());
                }
                tc.put("@type", WASM_TYPE);
                tc.set(
                        "config",
                        plugin(
                                f.name(),
                                f.rootId(),
                                f.vmId(),
                                f.configuration(),
                                f.vmConfiguration(),
                                code(f.wasm(), moduleDir),
                                f.failurePolicy(),
                                f.environment()));
            }
            case LUA -> {
                tc.put("@type", "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua");
                tc.putObject("default_source_code").put("inline_string", f.lua());
            }
            case NATIVE -> nativeFilter(f, o, tc, notes);
        }
        return o;
    }

    /** The playground's native filters and the Envoy filters they mirror. */
    private static void nativeFilter(
            FilterSpec f, ObjectNode o, ObjectNode tc, List<String> notes) {
        JsonNode config = JSON.valueToTree(f.nativeConfig());
        switch (f.nativeKind()) {
            case "local-rate-limit" -> {
                o.put("name", "envoy.filters.http.local_ratelimit");
                tc.put(
                        "@type",
                        "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
                tc.put("stat_prefix", f.name());
                if (config.has("token_bucket")) {
                    tc.set("token_bucket", config.get("token_bucket"));
                }
                // Envoy's local rate limit does nothing unless enabled and enforced for a share of
                // requests; the playground always enforces.
                for (String field : new String[] {"filter_enabled", "filter_enforced"}) {
                    ObjectNode frac = tc.putObject(field);
                    frac.put("runtime_key", f.name() + "_" + field);
                    frac.putObject("default_value")
                            .put("numerator", 100)
                            .put("denominator", "HUNDRED");
                }
                if (!config.path("per_worker").asBoolean(true)) {
                    notes.add(f.name() + ": one bucket for all workers, which is Envoy's default");
                } else {
                    notes.add(
                            f.name()
                                    + ": the playground ran one bucket per worker; Envoy shares one"
                                    + " bucket by all workers unless you use per-connection limits");
                }
            }
            case "cors" -> {
                o.put("name", "envoy.filters.http.cors");
                tc.put("@type", "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors");
                notes.add(
                        f.name()
                                + ": Envoy reads the CORS policy from the route; it is set on the"
                                + " virtual host's typed_per_filter_config");
            }
            case "rbac" -> {
                o.put("name", "envoy.filters.http.rbac");
                tc.put("@type", "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC");
                tc.set("rules", rbacRules(config));
            }
            case "add-header" -> {
                o.put("name", "envoy.filters.http.header_mutation");
                tc.put(
                        "@type",
                        "type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation");
                ObjectNode mutations = tc.putObject("mutations");
                JsonNode request =
                        config.has("request") ? config.get("request") : shortForm(config);
                JsonNode response =
                        config.has("response") ? config.get("response") : shortForm(config);
                String action =
                        config.path("append").asBoolean(true)
                                ? "APPEND_IF_EXISTS_OR_ADD"
                                : "OVERWRITE_IF_EXISTS_OR_ADD";
                mutations.set("request_mutations", headerMutations(request, action));
                mutations.set("response_mutations", headerMutations(response, action));
            }
            case "header-to-metadata" -> {
                o.put("name", "envoy.filters.http.header_to_metadata");
                tc.put(
                        "@type",
                        "type.googleapis.com/envoy.extensions.filters.http.header_to_metadata.v3.Config");
                tc.setAll((ObjectNode) config);
            }
            default -> {
                tc.put("@type", "type.googleapis.com/" + f.nativeKind());
                notes.add(
                        f.name()
                                + ": "
                                + "no direct Envoy equivalent for the playground filter '"
                                + f.nativeKind()
                                + "'");
            }
        }
    }

    /**
     * A module's data source: a local file under {@code moduleDir}, or Envoy's {@code remote}
     * source (the URL, its sha256, and a cluster to fetch it through, added by {@link
     * #fetchClusters}).
     */
    private static ObjectNode code(ModuleSource m, String moduleDir) {
        ObjectNode code = F.objectNode();
        if (!m.remote()) {
            code.putObject("local").put("filename", moduleDir + "/" + m.name());
            return code;
        }
        ObjectNode remote = code.putObject("remote");
        ObjectNode uri = remote.putObject("http_uri");
        uri.put("uri", m.ref());
        uri.put("cluster", fetchClusterName(HttpUrl.get(m.ref())));
        uri.put("timeout", "10s");
        remote.put("sha256", m.sha256());
        return code;
    }

    private static String fetchClusterName(HttpUrl u) {
        return "wasm_fetch_" + u.host().replaceAll("[^A-Za-z0-9]", "_") + "_" + u.port();
    }

    /** One cluster per host that remote modules are fetched from (TLS for https). */
    private static void fetchClusters(Scenario s, ArrayNode clusters) {
        Set<String> done = new HashSet<>();
        List<ModuleSource> modules = new ArrayList<>();
        s.filters().stream()
                .filter(f -> f.enabled() && f.kind() == FilterSpec.Kind.WASM)
                .forEach(f -> modules.add(f.wasm()));
        s.services().forEach(svc -> modules.add(svc.wasm()));
        for (ModuleSource m : modules) {
            if (!m.remote()) {
                continue;
            }
            HttpUrl u = HttpUrl.get(m.ref());
            String name = fetchClusterName(u);
            if (!done.add(name)) {
                continue;
            }
            ObjectNode o = staticCluster(name, u.host(), u.port());
            clusters.add(o);
            if (u.isHttps()) {
                ObjectNode ts = o.putObject("transport_socket");
                ts.put("name", "envoy.transport_sockets.tls");
                ts.putObject("typed_config")
                        .put(
                                "@type",
                                "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")
                        .put("sni", u.host());
            }
        }
    }

    private static ObjectNode plugin(
            String name,
            String rootId,
            String vmId,
            String configuration,
            String vmConfiguration,
            ObjectNode code,
            FailurePolicy policy,
            Map<String, String> env) {
        ObjectNode c = F.objectNode();
        c.put("name", name);
        c.put("root_id", rootId);
        ObjectNode vm = c.putObject("vm_config");
        vm.put("vm_id", vmId);
        vm.put("runtime", "envoy.wasm.runtime.v8");
        vm.set("code", code);
        if (!vmConfiguration.isEmpty()) {
            vm.putObject("configuration").put("@type", STRING_VALUE).put("value", vmConfiguration);
        }
        if (!env.isEmpty()) {
            ObjectNode kv = vm.putObject("environment_variables").putObject("key_values");
            env.forEach(kv::put);
        }
        if (!configuration.isEmpty()) {
            c.putObject("configuration").put("@type", STRING_VALUE).put("value", configuration);
        }
        c.put(
                "failure_policy",
                switch (policy) {
                    case FAIL_CLOSED -> "FAIL_CLOSED";
                    case FAIL_OPEN -> "FAIL_OPEN";
                    case FAIL_RELOAD -> "FAIL_RELOAD";
                });
        return c;
    }

    /** The short {@code {name, value}} form of add-header, as a one-entry map. */
    private static JsonNode shortForm(JsonNode config) {
        ObjectNode m = F.objectNode();
        if (config.has("name")) {
            m.put(config.get("name").asText(), config.path("value").asText());
        }
        return m;
    }

    private static ArrayNode headerMutations(JsonNode headers, String action) {
        ArrayNode list = F.arrayNode();
        if (headers != null) {
            headers.properties()
                    .forEach(
                            e -> {
                                ObjectNode append = list.addObject().putObject("append");
                                append.putObject("header")
                                        .put("key", e.getKey())
                                        .put("value", e.getValue().asText());
                                append.put("append_action", action);
                            });
        }
        return list;
    }

    /** The playground's header rules as RBAC policies: a header matcher per value, or'ed. */
    private static ObjectNode rbacRules(JsonNode config) {
        ObjectNode rules = F.objectNode();
        rules.put("action", config.path("action").asText("ALLOW"));
        ObjectNode policies = rules.putObject("policies");
        config.path("policies")
                .properties()
                .forEach(
                        e -> {
                            JsonNode p = e.getValue();
                            ObjectNode policy = policies.putObject(e.getKey());
                            policy.putArray("permissions").addObject().put("any", true);
                            String header = p.path("header").asText();
                            ArrayNode ids =
                                    policy.putArray("principals")
                                            .addObject()
                                            .putObject("or_ids")
                                            .putArray("ids");
                            if (p.has("values")) {
                                p.get("values")
                                        .forEach(
                                                v ->
                                                        ids.addObject()
                                                                .putObject("header")
                                                                .put("name", header)
                                                                .putObject("string_match")
                                                                .put("exact", v.asText()));
                            }
                            for (String kind :
                                    new String[] {"exact", "prefix", "suffix", "contains"}) {
                                if (p.has(kind)) {
                                    ids.addObject()
                                            .putObject("header")
                                            .put("name", header)
                                            .putObject("string_match")
                                            .put(kind, p.get(kind).asText());
                                }
                            }
                            if (p.has("safe_regex")) {
                                ids.addObject()
                                        .putObject("header")
                                        .put("name", header)
                                        .putObject("string_match")
                                        .putObject("safe_regex")
                                        .put("regex", p.get("safe_regex").asText());
                            }
                            if (p.path("present").asBoolean(false)) {
                                ids.addObject()
                                        .putObject("header")
                                        .put("name", header)
                                        .put("present_match", true);
                            }
                        });
        return rules;
    }

    /** A STRICT_DNS cluster of one endpoint. */
    private static ObjectNode staticCluster(String name, String host, int port) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        o.put("type", "STRICT_DNS");
        o.put("connect_timeout", "5s");
        ObjectNode ep = o.putObject("load_assignment");
        ep.put("cluster_name", name);
        ep.putArray("endpoints")
                .addObject()
                .putArray("lb_endpoints")
                .addObject()
                .putObject("endpoint")
                .putObject("address")
                .putObject("socket_address")
                .put("address", host)
                .put("port_value", port);
        return o;
    }

    private static ObjectNode cluster(ClusterSpec c, List<String> notes) {
        String host = "127.0.0.1";
        int port = 8080;
        if (c.url() != null) {
            HttpUrl u = HttpUrl.get(c.url());
            host = u.host();
            port = u.port();
        } else {
            notes.add(
                    "cluster "
                            + c.name()
                            + " is a mock in the playground: point it at a real backend");
        }
        return staticCluster(c.name(), host, port);
    }

    /**
     * One Istio {@code WasmPlugin} per Wasm filter, in chain order (higher priority runs first
     * within the phase). {@code imageBase} prefixes each module's OCI image name.
     */
    public static String istio(Scenario s, String imageBase) {
        List<String> docs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<FilterSpec> wasm =
                s.filters().stream()
                        .filter(f -> f.enabled() && f.kind() == FilterSpec.Kind.WASM)
                        .toList();
        for (int i = 0; i < wasm.size(); i++) {
            FilterSpec f = wasm.get(i);
            ObjectNode p = F.objectNode();
            p.put("apiVersion", "extensions.istio.io/v1alpha1");
            p.put("kind", "WasmPlugin");
            p.putObject("metadata")
                    .put("name", f.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
            ObjectNode spec = p.putObject("spec");
            if (f.wasm().remote()) {
                // Istio fetches http(s) modules itself and checks their digest.
                spec.put("url", f.wasm().ref());
                spec.put("sha256", f.wasm().sha256());
            } else if (OciModules.isOci(f.wasm().ref())) {
                spec.put("url", f.wasm().ref());
            } else {
                String image = f.wasm().name().replaceAll("\\.wasm$", "").replace('_', '-');
                spec.put("url", "oci://" + imageBase + "/" + image + ":latest");
            }
            spec.put("priority", (wasm.size() - i) * 10);
            if (!f.rootId().isEmpty()) {
                spec.put("pluginName", f.rootId());
            }
            JsonNode config = structOrNull(f.configuration());
            if (config != null) {
                spec.set("pluginConfig", config);
            } else if (!f.configuration().isEmpty()) {
                notes.add(
                        f.name()
                                + ": pluginConfig must be an object; this filter's configuration is"
                                + " plain text, set it by hand: "
                                + f.configuration());
            }
            spec.put(
                    "failStrategy",
                    f.failurePolicy() == FailurePolicy.FAIL_OPEN ? "FAIL_OPEN" : "FAIL_CLOSE");
            if (!f.environment().isEmpty()) {
                ArrayNode env = spec.putObject("vmConfig").putArray("env");
                for (Map.Entry<String, String> e : f.environment().entrySet()) {
                    env.addObject().put("name", e.getKey()).put("value", e.getValue());
                }
            }
            docs.add(write(p));
        }
        StringBuilder head =
                new StringBuilder("# Generated by filter-playground from " + s.source() + ".\n");
        for (String n : notes) {
            head.append("# NOTE: ").append(n).append('\n');
        }
        return head + String.join("---\n", docs);
    }

    private static JsonNode structOrNull(String configuration) {
        try {
            JsonNode n = JSON.readTree(configuration);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String write(JsonNode n) {
        try {
            return YAML.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
