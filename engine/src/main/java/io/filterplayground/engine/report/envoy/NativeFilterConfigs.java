package io.filterplayground.engine.report.envoy;

import static io.filterplayground.engine.report.envoy.ExportYaml.F;
import static io.filterplayground.engine.report.envoy.ExportYaml.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyTypes;
import java.util.List;
import java.util.Map;

/**
 * The playground's native filters as the Envoy filters they mirror. The import reads these forms
 * back ({@code scenario.envoy.NativeImports}).
 */
final class NativeFilterConfigs {
    private NativeFilterConfigs() {}

    /**
     * Fills {@code tc} (the entry's typed_config); false when the kind has no Envoy filter (a note
     * says so and the entry is left out).
     */
    static boolean of(NativeFilterSpec f, ObjectNode o, ObjectNode tc, List<String> notes) {
        JsonNode config = JSON.valueToTree(f.config());
        switch (f.kind()) {
            case "local-rate-limit" -> localRateLimit(f, config, tc, notes);
            case "cors" -> tc.put("@type", EnvoyTypes.CORS);
            case "rbac" -> {
                tc.put("@type", EnvoyTypes.RBAC);
                tc.set("rules", rbacRules(config));
            }
            case "add-header" -> {
                tc.put("@type", EnvoyTypes.HEADER_MUTATION);
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
                tc.put("@type", EnvoyTypes.HEADER_TO_METADATA);
                tc.setAll((ObjectNode) config);
            }
            default -> {
                notes.add(
                        f.name()
                                + ": no Envoy filter mirrors the playground's '"
                                + f.kind()
                                + "', so it is left out");
                return false;
            }
        }
        return true;
    }

    private static void localRateLimit(
            NativeFilterSpec f, JsonNode config, ObjectNode tc, List<String> notes) {
        tc.put("@type", EnvoyTypes.LOCAL_RATE_LIMIT);
        tc.put("stat_prefix", config.path("stat_prefix").asText(f.name()));
        if (config.has("token_bucket")) {
            tc.set("token_bucket", config.get("token_bucket"));
        }
        // Envoy's local rate limit does nothing unless enabled and enforced for a share of
        // requests; the playground always enforces.
        for (String field : new String[] {"filter_enabled", "filter_enforced"}) {
            ObjectNode frac = tc.putObject(field);
            frac.put("runtime_key", f.name() + "_" + field);
            frac.putObject("default_value").put("numerator", 100).put("denominator", "HUNDRED");
        }
        JsonNode status = config.path("status");
        if (!status.isMissingNode()) {
            tc.putObject("status")
                    .put("code", status.isObject() ? status.path("code").asInt() : status.asInt());
        }
        if (config.has("response_headers_to_add")) {
            ArrayNode headers = tc.putArray("response_headers_to_add");
            config.get("response_headers_to_add")
                    .properties()
                    .forEach(
                            e ->
                                    headers.addObject()
                                            .putObject("header")
                                            .put("key", e.getKey())
                                            .put("value", e.getValue().asText()));
        }
        if (config.has("enable_x_ratelimit_headers")) {
            tc.put("enable_x_ratelimit_headers", config.get("enable_x_ratelimit_headers").asText());
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

    /**
     * A cors filter's config as Envoy's {@code CorsPolicy}: origins as {@code StringMatcher}s
     * ({@code "*"} is any origin, a {@code safe_regex} string a RE2 regex).
     */
    static ObjectNode corsPolicy(Map<String, Object> config) {
        ObjectNode policy = JSON.valueToTree(config);
        JsonNode origins = policy.get("allow_origin_string_match");
        if (origins != null) {
            ArrayNode matchers = F.arrayNode();
            for (JsonNode o : origins.isArray() ? origins : F.arrayNode().add(origins)) {
                matchers.add(stringMatcher(o));
            }
            policy.set("allow_origin_string_match", matchers);
        }
        if (policy.has("max_age")) {
            policy.put("max_age", policy.get("max_age").asText());
        }
        return policy;
    }

    private static JsonNode stringMatcher(JsonNode m) {
        if (m.isTextual()) {
            return m.asText().equals("*") ? regex(".*") : F.objectNode().put("exact", m.asText());
        }
        if (m.has("safe_regex") && m.get("safe_regex").isTextual()) {
            ObjectNode copy = m.deepCopy();
            copy.set("safe_regex", F.objectNode().put("regex", m.get("safe_regex").asText()));
            return copy;
        }
        return m;
    }

    private static ObjectNode regex(String re) {
        ObjectNode m = F.objectNode();
        m.putObject("safe_regex").put("regex", re);
        return m;
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
                            p.path("values")
                                    .forEach(
                                            v ->
                                                    headerId(ids, header)
                                                            .putObject("string_match")
                                                            .put("exact", v.asText()));
                            for (String kind :
                                    new String[] {"exact", "prefix", "suffix", "contains"}) {
                                if (p.has(kind)) {
                                    headerId(ids, header)
                                            .putObject("string_match")
                                            .put(kind, p.get(kind).asText());
                                }
                            }
                            if (p.has("safe_regex")) {
                                JsonNode re = p.get("safe_regex");
                                headerId(ids, header)
                                        .putObject("string_match")
                                        .putObject("safe_regex")
                                        .put(
                                                "regex",
                                                re.isObject()
                                                        ? re.path("regex").asText()
                                                        : re.asText());
                            }
                            if (p.path("present").asBoolean(false)) {
                                headerId(ids, header).put("present_match", true);
                            }
                        });
        return rules;
    }

    private static ObjectNode headerId(ArrayNode ids, String header) {
        return ids.addObject().putObject("header").put("name", header);
    }
}
