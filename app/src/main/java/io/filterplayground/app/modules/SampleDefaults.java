package io.filterplayground.app.modules;

import java.util.Map;

/**
 * What a freshly added filter of a known sample starts with, so it works on the first send: the
 * root id its SDK expects and a configuration that shows what it does (see SAMPLES.md).
 */
public final class SampleDefaults {
    /** Root id, vm id and plugin configuration for a new filter. */
    public record Defaults(String rootId, String vmId, String configuration) {
        public static final Defaults NONE = new Defaults("", "", "");
    }

    private static final Map<String, Defaults> BY_FOLDER =
            Map.ofEntries(
                    Map.entry("hello-abi", new Defaults("", "", "hello from the playground")),
                    Map.entry(
                            "add-header",
                            new Defaults(
                                    "add_header",
                                    "",
                                    "{\"request\": {\"x-added\": \"yes\"}, \"response\":"
                                            + " {\"x-added-response\": \"yes\"}}")),
                    Map.entry(
                            "deny",
                            new Defaults(
                                    "",
                                    "",
                                    "{\"header\": \"x-user\", \"values\": [\"mallory\"],"
                                            + " \"status\": 403}")),
                    Map.entry(
                            "body-rewrite",
                            new Defaults(
                                    "",
                                    "",
                                    "{\"from\": \"hello\", \"to\": \"howdy\", \"request\": false,"
                                            + " \"response\": true}")),
                    Map.entry(
                            "rate-limiter",
                            new Defaults(
                                    "",
                                    "",
                                    "{\"capacity\": 3, \"refillPerSecond\": 1, \"shared\":"
                                            + " false}")),
                    Map.entry("request-counter", Defaults.NONE),
                    Map.entry("stats-aggregator", new Defaults("stats_filter", "stats", "")),
                    Map.entry(
                            "auth-callout",
                            new Defaults(
                                    "",
                                    "",
                                    "{\"cluster\": \"auth\", \"path\": \"/check\", \"timeoutMs\":"
                                            + " 500}")),
                    Map.entry("faults.wasm", new Defaults("", "", "trap@request_headers")));

    private SampleDefaults() {}

    public static Defaults of(String key) {
        return BY_FOLDER.getOrDefault(key, Defaults.NONE);
    }
}
