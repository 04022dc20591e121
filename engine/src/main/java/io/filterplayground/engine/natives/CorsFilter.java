package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code native: cors}: Envoy's CORS filter ({@code envoy.filters.http.cors}) with one policy. A
 * request without {@code origin}, or whose origin no {@code allow_origin_string_match} entry
 * matches, passes untouched. A preflight ({@code OPTIONS} with {@code
 * access-control-request-method}) from an allowed origin is answered here with 200 and the policy's
 * {@code access-control-allow-*} headers (details {@code cors_response}); any other request from an
 * allowed origin goes on, and its response gets {@code access-control-allow-origin} (the request's
 * origin), {@code -allow-credentials} and {@code -expose-headers}.
 *
 * <pre>
 * config:
 *   allow_origin_string_match:            # required: who may call
 *     - exact: https://app.example.com
 *     - suffix: .example.org               # also prefix:, contains:, safe_regex:, or "*"
 *   allow_methods: "GET, POST, PUT"
 *   allow_headers: "content-type, x-user"
 *   expose_headers: "x-request-id"
 *   max_age: "600"
 *   allow_credentials: true
 * </pre>
 *
 * Stats: {@code <name>.cors.origin_valid}, {@code <name>.cors.origin_invalid}.
 */
final class CorsFilter extends NativeChainFilter {
    static final String KIND = "cors";

    private final List<StringMatcher> origins = new ArrayList<>();
    private final boolean anyOrigin;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;
    private final boolean allowCredentials;

    CorsFilter(NativeFilterSpec spec, HostEnvironment env) {
        super(spec.name(), KIND, env, EnumSet.of(Stage.REQUEST_HEADERS, Stage.RESPONSE_HEADERS));
        NativeConfig c =
                new NativeConfig(
                        spec.name(),
                        KIND,
                        spec.config(),
                        "allow_origin_string_match",
                        "allow_methods",
                        "allow_headers",
                        "expose_headers",
                        "max_age",
                        "allow_credentials");
        Object list = c.raw("allow_origin_string_match");
        if (list == null) {
            throw c.error(
                    "config.allow_origin_string_match is required: a list of origins, e.g. -"
                            + " exact: https://app.example.com");
        }
        List<?> items = list instanceof List<?> l ? l : List.of(list);
        boolean any = false;
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if ("*".equals(item)) {
                any = true;
                continue;
            }
            origins.add(
                    StringMatcher.read(
                            item, c, c.pathOf("allow_origin_string_match") + "[" + i + "]"));
        }
        this.anyOrigin = any;
        this.allowMethods = c.string("allow_methods", null);
        this.allowHeaders = c.string("allow_headers", null);
        this.exposeHeaders = c.string("expose_headers", null);
        String age = c.string("max_age", null);
        if (age != null) {
            try {
                if (Long.parseLong(age.trim()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw c.error("config.max_age must be a number of seconds, got '" + age + "'");
            }
        }
        this.maxAge = age == null ? null : age.trim();
        this.allowCredentials = c.bool("allow_credentials", false);
    }

    private boolean allowed(String origin) {
        if (anyOrigin) {
            return true;
        }
        for (StringMatcher m : origins) {
            if (m.matches(origin)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker) {
        return new NativeHttpFilter(this, callbacks) {
            private String corsOrigin;

            @Override
            protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
                String origin = headers.get("origin");
                if (origin == null || origin.isEmpty()) {
                    return FilterStatus.CONTINUE;
                }
                if (!allowed(origin)) {
                    count(name + ".cors.origin_invalid");
                    log(
                            LogLevel.DEBUG,
                            KIND + ": origin " + origin + " is not allowed; no CORS headers");
                    return FilterStatus.CONTINUE;
                }
                count(name + ".cors.origin_valid");
                corsOrigin = origin;
                String method = headers.get(":method");
                String requested = headers.get("access-control-request-method");
                if (!"OPTIONS".equals(method) || requested == null || requested.isEmpty()) {
                    return FilterStatus.CONTINUE;
                }
                List<Header> h = new ArrayList<>();
                h.add(new Header("access-control-allow-origin", origin));
                if (allowCredentials) {
                    h.add(new Header("access-control-allow-credentials", "true"));
                }
                if (allowMethods != null) {
                    h.add(new Header("access-control-allow-methods", allowMethods));
                }
                if (allowHeaders != null) {
                    h.add(new Header("access-control-allow-headers", allowHeaders));
                }
                if (maxAge != null) {
                    h.add(new Header("access-control-max-age", maxAge));
                }
                log(
                        LogLevel.DEBUG,
                        KIND
                                + ": preflight from "
                                + origin
                                + " for "
                                + requested
                                + " answered here with 200");
                // The preflight answer is complete: this filter adds nothing more on the way out.
                corsOrigin = null;
                stream.sendLocalReply(200, new byte[0], h, "cors_response");
                return FilterStatus.STOP_ALL_ITERATION;
            }

            @Override
            protected FilterStatus encodeHeaders(HeaderMap headers, boolean endOfStream) {
                if (corsOrigin == null) {
                    return FilterStatus.CONTINUE;
                }
                headers.replace("access-control-allow-origin", corsOrigin);
                if (allowCredentials) {
                    headers.replace("access-control-allow-credentials", "true");
                }
                if (exposeHeaders != null) {
                    headers.replace("access-control-expose-headers", exposeHeaders);
                }
                return FilterStatus.CONTINUE;
            }
        };
    }
}
