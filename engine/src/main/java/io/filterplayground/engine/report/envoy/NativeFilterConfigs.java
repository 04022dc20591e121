package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import java.util.List;

/** The playground's native filters as the Envoy filters they mirror. */
final class NativeFilterConfigs {
    private NativeFilterConfigs() {}

    /** Fills {@code o} (the http_filters entry) and {@code tc} (its typed_config). */
    static void of(NativeFilterSpec f, ObjectNode o, ObjectNode tc, List<String> notes) {
        JsonNode config = JSON.valueToTree(f.config());
        switch (f.kind()) {
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
                tc.put("@type", "type.googleapis.com/" + f.kind());
                notes.add(
                        f.name()
                                + ": "
                                + "no direct Envoy equivalent for the playground filter '"
                                + f.kind()
                                + "'");
            }
        }
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
}
