package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code native: add-header}: adds configured headers to requests and responses, the job of Envoy's
 * {@code request_headers_to_add} / {@code response_headers_to_add} (and of the {@code add-header}
 * Wasm sample, whose configuration forms it accepts).
 *
 * <pre>
 * config:
 *   request: {x-a: "1"}      # headers added to every request
 *   response: {x-b: "2"}     # headers added to every response
 *   append: true             # false: replace existing values instead of adding one more
 * # or the short form, for request and response alike:
 * config: {name: x-a, value: "1"}
 * </pre>
 *
 * Each added header is logged at info ({@code add-header: request x-a: 1}), like the Wasm sample.
 */
final class AddHeaderFilter extends NativeChainFilter {
    static final String KIND = "add-header";

    private final Map<String, String> request;
    private final Map<String, String> response;
    private final boolean append;

    AddHeaderFilter(NativeFilterSpec spec, HostEnvironment env) {
        super(spec.name(), KIND, env, EnumSet.of(Stage.REQUEST_HEADERS, Stage.RESPONSE_HEADERS));
        NativeConfig c =
                new NativeConfig(
                        spec.name(),
                        KIND,
                        spec.config(),
                        "request",
                        "response",
                        "name",
                        "value",
                        "append");
        Map<String, String> req = new LinkedHashMap<>(c.stringMap("request"));
        Map<String, String> resp = new LinkedHashMap<>(c.stringMap("response"));
        if (c.has("name")) {
            String n = c.requiredString("name").toLowerCase(Locale.ROOT);
            String v = c.string("value", "");
            req.put(n, v);
            resp.put(n, v);
        } else if (c.has("value")) {
            throw c.error("config.value needs config.name (the header to add)");
        }
        if (req.isEmpty() && resp.isEmpty()) {
            throw c.error(
                    "nothing to add: give config.request and/or config.response (maps of header:"
                            + " value), or config.name and config.value");
        }
        for (String n : req.keySet()) {
            check(c, n);
        }
        for (String n : resp.keySet()) {
            check(c, n);
        }
        this.request = java.util.Collections.unmodifiableMap(req);
        this.response = java.util.Collections.unmodifiableMap(resp);
        this.append = c.bool("append", true);
    }

    private static void check(NativeConfig c, String name) {
        if (name.isEmpty() || name.startsWith(":")) {
            throw c.error(
                    "'"
                            + name
                            + "' cannot be added: pseudo-headers and empty names are not allowed");
        }
    }

    @Override
    protected NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker) {
        return new NativeHttpFilter(this, callbacks) {
            @Override
            protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
                apply(headers, request, "request");
                return FilterStatus.CONTINUE;
            }

            @Override
            protected FilterStatus encodeHeaders(HeaderMap headers, boolean endOfStream) {
                apply(headers, response, "response");
                return FilterStatus.CONTINUE;
            }

            private void apply(HeaderMap headers, Map<String, String> add, String side) {
                for (Map.Entry<String, String> h : add.entrySet()) {
                    if (append) {
                        headers.add(h.getKey(), h.getValue());
                    } else {
                        headers.replace(h.getKey(), h.getValue());
                    }
                    log(LogLevel.INFO, KIND + ": " + side + " " + h.getKey() + ": " + h.getValue());
                }
            }
        };
    }
}
