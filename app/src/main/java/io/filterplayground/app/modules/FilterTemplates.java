package io.filterplayground.app.modules;

import io.filterplayground.engine.natives.NativeFilters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Lua or built-in filter starts with when added from the chain editor: a small script or
 * config that starts cleanly and shows what the filter does on the first send. Pure data.
 */
public final class FilterTemplates {
    /** A Lua filter that adds a request header (from its metadata) and logs both ways. */
    public static final String LUA_SCRIPT =
            """
            -- Envoy's Lua filter. Edit the script: the chain restarts on its own.
            -- handle:metadata() reads the metadata map below the script.

            function envoy_on_request(handle)
              local greeting = handle:metadata():get("greeting") or "hello"
              handle:headers():add("x-lua", greeting)
              handle:logInfo("request for " .. handle:headers():get(":path"))
            end

            function envoy_on_response(handle)
              handle:logInfo("response status " .. handle:headers():get(":status"))
            end
            """;

    /** The template's metadata ({@code config: metadata:} in the scenario). */
    public static final Map<String, Object> LUA_METADATA = Map.of("greeting", "hello from Lua");

    private FilterTemplates() {}

    /** Every built-in kind, in the order the engine lists them. */
    public static List<String> nativeKinds() {
        return NativeFilters.KINDS;
    }

    /** A config for {@code kind} that starts cleanly and does something visible. */
    public static Map<String, Object> nativeConfig(String kind) {
        Map<String, Object> c = new LinkedHashMap<>();
        switch (kind) {
            case "add-header" -> {
                c.put("request", Map.of("x-native", "added by a built-in filter"));
                c.put("response", Map.of("x-native-response", "1"));
            }
            case "local-rate-limit" -> {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("max_tokens", 3);
                bucket.put("tokens_per_fill", 1);
                bucket.put("fill_interval", "1s");
                c.put("token_bucket", bucket);
            }
            case "cors" -> {
                c.put(
                        "allow_origin_string_match",
                        List.of(Map.of("exact", "https://app.example.com")));
                c.put("allow_methods", "GET, POST");
                c.put("allow_headers", "content-type, x-user");
                c.put("max_age", "600");
            }
            case "rbac" -> {
                c.put("action", "DENY");
                Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("header", "x-user");
                policy.put("exact", "mallory");
                c.put("policies", Map.of("deny-mallory", policy));
            }
            case "header-to-metadata" -> {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("header", "x-user");
                Map<String, Object> present = new LinkedHashMap<>();
                present.put("metadata_namespace", "playground");
                present.put("key", "user");
                rule.put("on_header_present", present);
                Map<String, Object> missing = new LinkedHashMap<>();
                missing.put("metadata_namespace", "playground");
                missing.put("key", "user");
                missing.put("value", "anonymous");
                rule.put("on_header_missing", missing);
                c.put("request_rules", List.of(rule));
            }
            default -> {
                // an unknown kind starts empty; the engine says what it needs
            }
        }
        return c;
    }

    /** One line on what a built-in filter is (Envoy's name and what it does). */
    public static String describe(String kind) {
        return switch (kind) {
            case "add-header" ->
                    "Adds request and response headers (Envoy's request_headers_to_add).";
            case "local-rate-limit" ->
                    "A token bucket; refuses with 429 when empty (envoy.filters.http.local_ratelimit).";
            case "cors" ->
                    "Answers preflights and adds access-control headers for allowed origins"
                            + " (envoy.filters.http.cors).";
            case "rbac" ->
                    "Allows or denies on header rules; a refusal is 403 (envoy.filters.http.rbac).";
            case "header-to-metadata" ->
                    "Copies a request header into dynamic metadata for later filters"
                            + " (envoy.filters.http.header_to_metadata).";
            default -> "A built-in filter.";
        };
    }

    /** The config fields of a built-in filter, as a hint under its editor. */
    public static String fields(String kind) {
        return switch (kind) {
            case "add-header" -> "request: {name: value}, response: {...}, append (true)";
            case "local-rate-limit" ->
                    "token_bucket: {max_tokens, tokens_per_fill, fill_interval}, per_worker,"
                            + " status, response_headers_to_add, stat_prefix";
            case "cors" ->
                    "allow_origin_string_match: [{exact|prefix|suffix|contains|safe_regex}],"
                            + " allow_methods, allow_headers, expose_headers, max_age,"
                            + " allow_credentials";
            case "rbac" ->
                    "action: ALLOW|DENY, policies: {name: {header, values|exact|prefix|suffix|"
                            + "contains|safe_regex|present}}";
            case "header-to-metadata" ->
                    "request_rules: [{header, on_header_present: {metadata_namespace, key, type},"
                            + " on_header_missing: {..., value}, remove}]";
            default -> "";
        };
    }
}
