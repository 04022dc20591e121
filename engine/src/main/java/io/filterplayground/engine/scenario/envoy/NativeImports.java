package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Envoy's built-in HTTP filters that a playground native filter mirrors, read into that filter's
 * {@code config:} (the inverse of export's {@code NativeFilterConfigs}). A filter using what the
 * playground's filter does not have is not read half-way: it becomes a placeholder naming those
 * fields.
 */
final class NativeImports {
    private NativeImports() {}

    /** The native filter entry for {@code tc}, or null when the type is not one of these. */
    static Map<String, Object> read(String name, String type, JsonNode tc, JsonNode corsPolicy)
            throws NotRunnable {
        if (type.equals(EnvoyTypes.LOCAL_RATE_LIMIT)) {
            return entry("local-rate-limit", localRateLimit(name, tc));
        }
        if (type.equals(EnvoyTypes.HEADER_MUTATION)) {
            return entry("add-header", headerMutation(tc));
        }
        if (type.equals(EnvoyTypes.RBAC)) {
            return entry("rbac", rbac(tc));
        }
        if (type.equals(EnvoyTypes.CORS)) {
            return entry("cors", cors(corsPolicy));
        }
        if (type.equals(EnvoyTypes.HEADER_TO_METADATA)) {
            only(tc, "@type", "request_rules");
            for (JsonNode rule : tc.path("request_rules")) {
                only(rule, "header", "on_header_present", "on_header_missing", "remove");
                for (String side : new String[] {"on_header_present", "on_header_missing"}) {
                    if (rule.has(side)) {
                        only(rule.get(side), "metadata_namespace", "key", "value", "type");
                    }
                }
            }
            return entry("header-to-metadata", map(tc));
        }
        return null;
    }

    /** Route-level {@code request_headers_to_add} / {@code response_headers_to_add}, or null. */
    static Map<String, Object> routeHeaders(List<JsonNode> request, List<JsonNode> response)
            throws NotRunnable {
        if (request.isEmpty() && response.isEmpty()) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        Boolean append = null;
        for (Object[] side : new Object[][] {{"request", request}, {"response", response}}) {
            Map<String, Object> headers = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            List<JsonNode> options = (List<JsonNode>) side[1];
            for (JsonNode o : options) {
                append = sameAppend(append, appends(o));
                headers.put(o.at("/header/key").asText(), o.at("/header/value").asText());
            }
            if (!headers.isEmpty()) {
                c.put((String) side[0], headers);
            }
        }
        if (Boolean.FALSE.equals(append)) {
            c.put("append", false);
        }
        return entry("add-header", c);
    }

    private static Map<String, Object> localRateLimit(String name, JsonNode tc) throws NotRunnable {
        only(
                tc,
                "@type",
                "stat_prefix",
                "token_bucket",
                "filter_enabled",
                "filter_enforced",
                "status",
                "response_headers_to_add",
                "enable_x_ratelimit_headers");
        if (!tc.has("token_bucket")) {
            throw new NotRunnable("it has no token_bucket (its descriptors' buckets are not read)");
        }
        for (String f : new String[] {"filter_enabled", "filter_enforced"}) {
            JsonNode v = tc.at("/" + f + "/default_value");
            if (!tc.has(f) || v.path("numerator").asInt(0) != denominator(v)) {
                throw new NotRunnable(
                        f
                                + " is not 100% (Envoy's default is 0%: the filter does nothing), and"
                                + " the playground always enforces");
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("token_bucket", ImportDraft.value(tc.get("token_bucket")));
        // Envoy shares one bucket by all workers.
        c.put("per_worker", false);
        // The playground's stat prefix defaults to the filter's name.
        if (tc.has("stat_prefix") && !tc.get("stat_prefix").asText().equals(name)) {
            c.put("stat_prefix", tc.get("stat_prefix").asText());
        }
        if (tc.has("status")) {
            c.put("status", HttpStatusCodes.number(tc.at("/status/code")));
        }
        if (tc.has("response_headers_to_add")) {
            Map<String, Object> h = new LinkedHashMap<>();
            for (JsonNode o : tc.get("response_headers_to_add")) {
                h.put(o.at("/header/key").asText(), o.at("/header/value").asText());
            }
            c.put("response_headers_to_add", h);
        }
        if (tc.has("enable_x_ratelimit_headers")) {
            c.put("enable_x_ratelimit_headers", tc.get("enable_x_ratelimit_headers").asText());
        }
        return c;
    }

    private static int denominator(JsonNode fraction) {
        return switch (fraction.path("denominator").asText("HUNDRED")) {
            case "TEN_THOUSAND" -> 10_000;
            case "MILLION" -> 1_000_000;
            default -> 100;
        };
    }

    private static Map<String, Object> headerMutation(JsonNode tc) throws NotRunnable {
        only(tc, "@type", "mutations");
        JsonNode mutations = tc.path("mutations");
        only(mutations, "request_mutations", "response_mutations");
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> response = new LinkedHashMap<>();
        Boolean append = null;
        for (JsonNode m : mutations.path("request_mutations")) {
            append = sameAppend(append, mutation(m, request));
        }
        for (JsonNode m : mutations.path("response_mutations")) {
            append = sameAppend(append, mutation(m, response));
        }
        if (request.equals(response) && request.size() == 1) {
            // The short form sets one header both ways.
            Map.Entry<String, Object> e = request.entrySet().iterator().next();
            c.put("name", e.getKey());
            c.put("value", e.getValue());
        } else {
            if (!request.isEmpty()) {
                c.put("request", request);
            }
            if (!response.isEmpty()) {
                c.put("response", response);
            }
        }
        if (Boolean.FALSE.equals(append)) {
            c.put("append", false);
        }
        return c;
    }

    /** One header mutation into {@code into}; whether it appends. */
    private static boolean mutation(JsonNode m, Map<String, Object> into) throws NotRunnable {
        only(m, "append");
        JsonNode o = m.get("append");
        only(o, "header", "append_action", "append");
        into.put(o.at("/header/key").asText(), o.at("/header/value").asText());
        return appends(o);
    }

    /** Whether a {@code HeaderValueOption} appends (true) or overwrites (false). */
    private static boolean appends(JsonNode option) throws NotRunnable {
        String action = option.path("append_action").asText("");
        if (action.isEmpty()) {
            return option.path("append").asBoolean(true);
        }
        return switch (action) {
            case "APPEND_IF_EXISTS_OR_ADD" -> true;
            case "OVERWRITE_IF_EXISTS_OR_ADD" -> false;
            default -> throw new NotRunnable("append_action " + action + " has no playground form");
        };
    }

    private static Boolean sameAppend(Boolean so, boolean next) throws NotRunnable {
        if (so != null && so != next) {
            throw new NotRunnable("it both appends and overwrites headers (one append: for all)");
        }
        return next;
    }

    private static Map<String, Object> rbac(JsonNode tc) throws NotRunnable {
        only(tc, "@type", "rules");
        JsonNode rules = tc.path("rules");
        only(rules, "action", "policies");
        String action = rules.path("action").asText("ALLOW");
        if (!action.equals("ALLOW") && !action.equals("DENY")) {
            throw new NotRunnable("RBAC action " + action + " (the playground has ALLOW and DENY)");
        }
        Map<String, Object> policies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.path("policies").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            policies.put(e.getKey(), policy(e.getKey(), e.getValue()));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("action", action);
        c.put("policies", policies);
        return c;
    }

    /**
     * A policy that allows any permission to principals matched on one header: the playground's
     * {@code {header, values | exact | prefix ... | present}}.
     */
    private static Map<String, Object> policy(String name, JsonNode p) throws NotRunnable {
        only(p, "permissions", "principals");
        JsonNode perms = p.path("permissions");
        if (perms.size() != 1 || !perms.get(0).path("any").asBoolean(false)) {
            throw new NotRunnable("RBAC policy " + name + " has permissions other than any");
        }
        JsonNode principals = p.path("principals");
        List<JsonNode> ids = new ArrayList<>();
        for (JsonNode pr : principals) {
            if (pr.has("or_ids")) {
                pr.at("/or_ids/ids").forEach(ids::add);
            } else {
                ids.add(pr);
            }
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        String header = null;
        for (JsonNode id : ids) {
            JsonNode h = id.get("header");
            if (h == null || id.size() != 1) {
                throw new NotRunnable(
                        "RBAC policy " + name + " matches principals other than a header");
            }
            if (header != null && !header.equals(h.path("name").asText())) {
                throw new NotRunnable("RBAC policy " + name + " matches more than one header");
            }
            header = h.path("name").asText();
            headerMatch(name, h, policy, values);
        }
        if (header == null) {
            throw new NotRunnable("RBAC policy " + name + " has no header principal");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("header", header);
        if (!values.isEmpty()) {
            out.put("values", values);
        }
        out.putAll(policy);
        return out;
    }

    private static void headerMatch(
            String policy, JsonNode h, Map<String, Object> into, List<Object> values)
            throws NotRunnable {
        if (h.path("present_match").asBoolean(false)) {
            into.put("present", true);
            return;
        }
        JsonNode sm = h.get("string_match");
        if (sm == null) {
            // The deprecated HeaderMatcher forms.
            for (String kind : new String[] {"exact", "prefix", "suffix", "contains"}) {
                if (h.has(kind + "_match")) {
                    sm =
                            ImportDraft.JSON
                                    .createObjectNode()
                                    .put(kind, h.get(kind + "_match").asText());
                }
            }
            if (h.has("safe_regex_match")) {
                sm =
                        ImportDraft.JSON
                                .createObjectNode()
                                .set("safe_regex", h.get("safe_regex_match"));
            }
        }
        if (sm == null || sm.size() != 1 || h.path("invert_match").asBoolean(false)) {
            throw new NotRunnable(
                    "RBAC policy " + policy + " has a header match the playground lacks");
        }
        String kind = sm.fieldNames().next();
        JsonNode v = sm.get(kind);
        if (kind.equals("exact")) {
            values.add(v.asText());
        } else if (kind.equals("safe_regex")) {
            once(policy, into, kind, v.path("regex").asText());
        } else if (List.of("prefix", "suffix", "contains").contains(kind)) {
            once(policy, into, kind, v.asText());
        } else {
            throw new NotRunnable("RBAC policy " + policy + " matches " + kind);
        }
    }

    private static void once(String policy, Map<String, Object> into, String kind, String v)
            throws NotRunnable {
        if (into.put(kind, v) != null) {
            throw new NotRunnable("RBAC policy " + policy + " has two " + kind + " matches");
        }
    }

    /** A CORS filter's policy, from the route, the virtual host or the host's old cors field. */
    private static Map<String, Object> cors(JsonNode policy) throws NotRunnable {
        if (policy == null) {
            throw new NotRunnable(
                    "no route gives it a CORS policy, so Envoy's filter does nothing");
        }
        only(
                policy,
                "@type",
                "allow_origin_string_match",
                "allow_methods",
                "allow_headers",
                "expose_headers",
                "max_age",
                "allow_credentials");
        Map<String, Object> c = map(policy);
        c.remove("@type");
        List<Object> origins = new ArrayList<>();
        for (JsonNode m : policy.path("allow_origin_string_match")) {
            JsonNode re = m.at("/safe_regex/regex");
            if (re.isTextual() && re.asText().equals(".*")) {
                origins.add("*");
            } else if (re.isTextual()) {
                Map<String, Object> r = map(m);
                r.put("safe_regex", re.asText());
                origins.add(r);
            } else {
                origins.add(map(m));
            }
        }
        if (!origins.isEmpty()) {
            c.put("allow_origin_string_match", origins);
        }
        return c;
    }

    /** Refuses fields of {@code n} outside {@code allowed}, naming them. */
    static void only(JsonNode n, String... allowed) throws NotRunnable {
        Set<String> ok = Set.of(allowed);
        List<String> extra = new ArrayList<>();
        n.fieldNames()
                .forEachRemaining(
                        f -> {
                            if (!ok.contains(f)) {
                                extra.add(f);
                            }
                        });
        if (!extra.isEmpty()) {
            throw new NotRunnable(
                    "it uses "
                            + String.join(", ", extra)
                            + ", which the playground's filter lacks");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>(ImportDraft.JSON.convertValue(n, Map.class));
        m.remove("@type");
        return m;
    }

    private static Map<String, Object> entry(String kind, Map<String, Object> config) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("native", kind);
        e.put("config", config);
        return e;
    }
}
