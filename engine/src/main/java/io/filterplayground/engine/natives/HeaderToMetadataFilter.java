package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * {@code native: header-to-metadata}: Envoy's header-to-metadata filter ({@code
 * envoy.filters.http.header_to_metadata}) for request headers. Each rule copies a header's value
 * (or a fixed value) into the stream's dynamic metadata, where later filters read it: a Lua filter
 * with {@code handle:streamInfo():dynamicMetadata():get(ns)}, a Wasm filter through the {@code
 * metadata} property.
 *
 * <pre>
 * config:
 *   request_rules:
 *     - header: x-user
 *       on_header_present: {metadata_namespace: envoy.lb, key: user}          # the header's value
 *       on_header_missing: {metadata_namespace: envoy.lb, key: user, value: anonymous}
 *       remove: false              # true: drop the header after copying it
 * </pre>
 *
 * The namespace defaults to {@code envoy.filters.http.header_to_metadata}, as in Envoy; {@code
 * type: NUMBER} stores a number instead of a string.
 */
final class HeaderToMetadataFilter extends NativeChainFilter {
    static final String KIND = "header-to-metadata";
    private static final String DEFAULT_NAMESPACE = "envoy.filters.http.header_to_metadata";

    private record Target(String namespace, String key, String value, boolean number) {}

    private record Rule(String header, Target present, Target missing, boolean remove) {}

    private final List<Rule> rules = new ArrayList<>();

    HeaderToMetadataFilter(NativeFilterSpec spec, HostEnvironment env) {
        super(spec.name(), KIND, env, EnumSet.of(Stage.REQUEST_HEADERS));
        NativeConfig c = new NativeConfig(spec.name(), KIND, spec.config(), "request_rules");
        List<NativeConfig> list =
                c.subList(
                        "request_rules",
                        "header",
                        "on_header_present",
                        "on_header_missing",
                        "remove");
        if (list.isEmpty()) {
            throw c.error(
                    "config.request_rules is required: a list of {header: ..., on_header_present:"
                            + " {metadata_namespace: ..., key: ...}}");
        }
        for (NativeConfig r : list) {
            String header = r.requiredString("header").toLowerCase(Locale.ROOT);
            Target present = target(r, "on_header_present", false);
            Target missing = target(r, "on_header_missing", true);
            if (present == null && missing == null) {
                throw c.error(
                        "the rule for "
                                + header
                                + " needs on_header_present and/or on_header_missing");
            }
            rules.add(new Rule(header, present, missing, r.bool("remove", false)));
        }
    }

    private static Target target(NativeConfig rule, String key, boolean needsValue) {
        if (!rule.has(key)) {
            return null;
        }
        NativeConfig t = rule.sub(key, "metadata_namespace", "key", "value", "type");
        String value = t.string("value", null);
        if (needsValue && value == null) {
            throw rule.error(rule.pathOf(key) + ".value is required (there is no header to copy)");
        }
        boolean number = t.choice("type", "STRING", "STRING", "NUMBER").equals("NUMBER");
        return new Target(
                t.string("metadata_namespace", DEFAULT_NAMESPACE),
                t.requiredString("key"),
                value,
                number);
    }

    @Override
    protected NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker) {
        return new NativeHttpFilter(this, callbacks) {
            @Override
            protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
                for (Rule r : rules) {
                    String v = headers.get(r.header());
                    Target t = v != null ? r.present() : r.missing();
                    if (t == null) {
                        continue;
                    }
                    String text = t.value() != null ? t.value() : v;
                    Object value = text;
                    if (t.number()) {
                        try {
                            value = Double.parseDouble(text.trim());
                        } catch (NumberFormatException e) {
                            log(
                                    LogLevel.DEBUG,
                                    KIND + ": " + r.header() + " is not a number; not copied");
                            continue;
                        }
                    }
                    stream.dynamicMetadata()
                            .computeIfAbsent(t.namespace(), k -> new HashMap<>())
                            .put(t.key(), value);
                    log(
                            LogLevel.DEBUG,
                            KIND + ": " + t.namespace() + "." + t.key() + " = " + value);
                    if (v != null && r.remove()) {
                        headers.remove(r.header());
                    }
                }
                return FilterStatus.CONTINUE;
            }
        };
    }
}
