package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.callbacks;
import static io.filterplayground.engine.styles.Scenarios.logs;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.parse;
import static io.filterplayground.engine.styles.Scenarios.response;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in filters, each through the real engine. */
class NativeFiltersTest {

    private static void assertRejected(String chain, String message) {
        String yaml = yaml(chain, "- name: get\n");
        assertThatThrownBy(
                        () ->
                                Playground.start(
                                        parse(yaml), Playground.Options.defaults(), TraceSink.NONE))
                .isInstanceOf(FilterStartException.class)
                .hasMessage(message);
    }

    private static String body(Exchange x) {
        return new String(x.response().body(), StandardCharsets.UTF_8);
    }

    private static long metric(RunResult r, String name) {
        return r.snapshot().metrics().stream()
                .filter(m -> m.name().equals(name))
                .mapToLong(m -> m.value())
                .findFirst()
                .orElse(0);
    }

    // ---- add-header --------------------------------------------------------------------------

    @Test
    void shouldAddRequestAndResponseHeadersAndTraceTheCallbacks() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        """
                                        - name: add
                                          native: add-header
                                          config:
                                            request: {x-a: "1", x-b: "2"}
                                            response: {x-c: "3"}
                                        """,
                                        "- name: get\n")));
        assertThat(upstream(x, "x-a")).isEqualTo("1");
        assertThat(upstream(x, "x-b")).isEqualTo("2");
        assertThat(response(x, "x-c")).isEqualTo("3");
        List<CallbackEvent> cbs = callbacks(x, "add");
        assertThat(cbs)
                .extracting(CallbackEvent::name)
                .containsExactly("decodeHeaders", "encodeHeaders");
        assertThat(cbs).allMatch(c -> c.vm().equals("native:add-header"));
        assertThat(cbs.get(0).result()).isEqualTo("Continue");
        assertThat(cbs.get(0).args()).containsEntry("end_of_stream", true);
        assertThat(logs(x)).contains("add-header: request x-a: 1", "add-header: response x-c: 3");
        // The filter manager snapshots the headers before and after, as for any filter.
        assertThat(Scenarios.of(x.events(), StageEvent.class))
                .filteredOn(s -> s.filter().equals("add"))
                .extracting(StageEvent::stage)
                .contains(StageEvent.Stage.REQUEST_HEADERS, StageEvent.Stage.RESPONSE_HEADERS);
    }

    @Test
    void shouldReplaceInsteadOfAppendingWhenAsked() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        """
                                        - name: add
                                          native: add-header
                                          config: {name: x-a, value: new, append: false}
                                        """,
                                        """
                                        - name: get
                                          headers: [[x-a, old], [x-a, older]]
                                        """)));
        assertThat(x.upstreamRequest().headers().all("x-a")).containsExactly("new");
        assertThat(response(x, "x-a")).isEqualTo("new");
    }

    @Test
    void shouldCheckTheAddHeaderConfig() {
        assertRejected(
                """
                - name: add
                  native: add-header
                  config: {reqest: {x-a: "1"}}
                """,
                "add (native add-header): config.reqest is not a field of the add-header filter"
                        + " (fields: append, name, request, response, value)");
        assertRejected(
                """
                - name: add
                  native: add-header
                """,
                "add (native add-header): nothing to add: give config.request and/or"
                        + " config.response (maps of header: value), or config.name and"
                        + " config.value");
    }

    @Test
    void shouldRejectAnUnknownKind() {
        String yaml = yaml("- name: x\n  native: teleport\n", "- name: get\n");
        assertThatThrownBy(
                        () ->
                                Playground.start(
                                        parse(yaml), Playground.Options.defaults(), TraceSink.NONE))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("unknown native filter 'teleport'")
                .hasMessageContaining("local-rate-limit");
    }

    // ---- local-rate-limit --------------------------------------------------------------------

    private static final String LIMIT =
            """
            - name: limit
              native: local-rate-limit
              config:
                token_bucket: {max_tokens: 2, tokens_per_fill: 1, fill_interval: 1s}
            """;

    @Test
    void shouldLimitWithATokenBucketPerWorkerAndRefillOnTheClock() {
        String yaml =
                yaml(
                                LIMIT,
                                """
                                - name: w0
                                  worker: 0
                                  repeat: 3
                                - name: w1
                                  worker: 1
                                  repeat: 3
                                  advanceTime: 1s
                                - name: refilled
                                  worker: 0
                                """)
                        .replace("workers: 1", "workers: 2\nclock: virtual");
        RunResult r = run(yaml);
        List<Exchange> xs = r.exchanges();
        assertThat(xs)
                .extracting(x -> x.response().status())
                .containsExactly(200, 200, 429, 200, 200, 429, 200);
        Exchange limited = xs.get(2);
        assertThat(limited.response().localReply()).isTrue();
        assertThat(limited.response().details()).isEqualTo("local_rate_limited");
        assertThat(body(limited)).isEqualTo("local_rate_limited");
        assertThat(response(limited, "x-envoy-ratelimited")).isEqualTo("true");
        assertThat(limited.upstreamRequest()).isNull();
        assertThat(callbacks(limited, "limit").get(0).result()).isEqualTo("StopAllIteration");
        assertThat(metric(r, "limit.http_local_rate_limit.rate_limited")).isEqualTo(2);
        assertThat(metric(r, "limit.http_local_rate_limit.ok")).isEqualTo(5);
        assertThat(metric(r, "limit.http_local_rate_limit.enabled")).isEqualTo(7);
    }

    @Test
    void shouldShareOneBucketWhenNotPerWorkerAndAddRateLimitHeaders() {
        String yaml =
                yaml(
                                """
                                - name: limit
                                  native: local-rate-limit
                                  config:
                                    token_bucket: {max_tokens: 2, tokens_per_fill: 1, fill_interval: 1s}
                                    per_worker: false
                                    status: {code: 503}
                                    response_headers_to_add: {x-local-rate-limit: "true"}
                                    enable_x_ratelimit_headers: DRAFT_VERSION_03
                                """,
                                """
                                - name: w0
                                  worker: 0
                                - name: w1
                                  worker: 1
                                - name: w0-again
                                  worker: 0
                                """)
                        .replace("workers: 1", "workers: 2\nclock: virtual");
        List<Exchange> xs = run(yaml).exchanges();
        assertThat(xs).extracting(x -> x.response().status()).containsExactly(200, 200, 503);
        assertThat(response(xs.get(0), "x-ratelimit-limit")).isEqualTo("2");
        assertThat(response(xs.get(0), "x-ratelimit-remaining")).isEqualTo("1");
        assertThat(response(xs.get(1), "x-ratelimit-remaining")).isEqualTo("0");
        assertThat(response(xs.get(2), "x-local-rate-limit")).isEqualTo("true");
        assertThat(response(xs.get(2), "x-ratelimit-reset")).isEqualTo("1");
        assertThat(xs.get(2).response().headers().all("x-ratelimit-limit")).hasSize(1);
    }

    @Test
    void shouldCheckTheRateLimitConfig() {
        assertRejected(
                "- name: limit\n  native: local-rate-limit\n",
                "limit (native local-rate-limit): config.token_bucket is required, e.g."
                        + " {max_tokens: 3, tokens_per_fill: 1, fill_interval: 1s}");
        assertRejected(
                """
                - name: limit
                  native: local-rate-limit
                  config:
                    token_bucket: {max_tokens: 2, fill_interval: 10ms}
                """,
                "limit (native local-rate-limit): config.token_bucket.fill_interval must be at"
                        + " least 50ms (Envoy's rule), got 10ms");
        assertRejected(
                """
                - name: limit
                  native: local-rate-limit
                  config:
                    token_bucket: {max_tokens: lots, fill_interval: 1s}
                """,
                "limit (native local-rate-limit): config.token_bucket.max_tokens must be a whole"
                        + " number, got 'lots'");
        assertRejected(
                """
                - name: limit
                  native: local-rate-limit
                  config:
                    token_bucket: {max_tokens: 2, fill_interval: 1}
                """,
                "limit (native local-rate-limit): config.token_bucket.fill_interval must be a"
                        + " duration with a unit, like 1s or 250ms, got '1'");
    }

    // ---- cors --------------------------------------------------------------------------------

    private static final String CORS =
            """
            - name: cors
              native: cors
              config:
                allow_origin_string_match:
                  - exact: https://app.example.com
                  - suffix: .example.org
                allow_methods: "GET, PUT"
                allow_headers: "content-type, x-user"
                expose_headers: "x-request-id"
                max_age: "600"
                allow_credentials: true
            """;

    @Test
    void shouldAnswerAPreflightLocally() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        CORS,
                                        """
                                        - name: preflight
                                          method: OPTIONS
                                          headers:
                                            origin: https://app.example.com
                                            access-control-request-method: PUT
                                        """)));
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(x.response().details()).isEqualTo("cors_response");
        assertThat(x.upstreamRequest()).isNull();
        assertThat(response(x, "access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(response(x, "access-control-allow-methods")).isEqualTo("GET, PUT");
        assertThat(response(x, "access-control-allow-headers")).isEqualTo("content-type, x-user");
        assertThat(response(x, "access-control-max-age")).isEqualTo("600");
        assertThat(response(x, "access-control-allow-credentials")).isEqualTo("true");
    }

    @Test
    void shouldDecorateResponsesForAllowedOriginsOnly() {
        RunResult r =
                run(
                        yaml(
                                CORS,
                                """
                                - name: allowed
                                  headers: {origin: https://shop.example.org}
                                - name: other
                                  headers: {origin: https://evil.example.net}
                                - name: none
                                - name: other-preflight
                                  method: OPTIONS
                                  headers: {origin: https://evil.example.net, access-control-request-method: GET}
                                """));
        List<Exchange> xs = r.exchanges();
        assertThat(response(xs.get(0), "access-control-allow-origin"))
                .isEqualTo("https://shop.example.org");
        assertThat(response(xs.get(0), "access-control-expose-headers")).isEqualTo("x-request-id");
        assertThat(response(xs.get(0), "access-control-allow-methods")).isNull();
        for (Exchange x : xs.subList(1, 4)) {
            assertThat(x.upstreamRequest()).isNotNull();
            assertThat(response(x, "access-control-allow-origin")).isNull();
        }
        assertThat(metric(r, "cors.cors.origin_valid")).isEqualTo(1);
        assertThat(metric(r, "cors.cors.origin_invalid")).isEqualTo(2);
    }

    @Test
    void shouldCheckTheCorsConfig() {
        assertRejected(
                "- name: cors\n  native: cors\n  config: {allow_methods: GET}\n",
                "cors (native cors): config.allow_origin_string_match is required: a list of"
                        + " origins, e.g. - exact: https://app.example.com");
        assertRejected(
                """
                - name: cors
                  native: cors
                  config:
                    allow_origin_string_match: [{safe_regex: "("}]
                """,
                "cors (native cors): config.allow_origin_string_match[0].safe_regex is not a valid"
                        + " regular expression: Unclosed group");
    }

    // ---- rbac --------------------------------------------------------------------------------

    @Test
    void shouldDenyRequestsMatchingADenyPolicy() {
        RunResult r =
                run(
                        yaml(
                                """
                                - name: rbac
                                  native: rbac
                                  config:
                                    action: DENY
                                    policies:
                                      block-mallory: {header: x-user, values: [mallory, eve]}
                                      no-admin: {header: ":path", prefix: /admin}
                                """,
                                """
                                - name: alice
                                  headers: {x-user: alice}
                                - name: mallory
                                  headers: {x-user: mallory}
                                - name: admin
                                  path: /admin/users
                                """));
        List<Exchange> xs = r.exchanges();
        assertThat(xs).extracting(x -> x.response().status()).containsExactly(200, 403, 403);
        assertThat(xs.get(1).response().details())
                .isEqualTo("rbac_access_denied_matched_policy[block-mallory]");
        assertThat(body(xs.get(1))).isEqualTo("RBAC: access denied");
        assertThat(xs.get(2).response().details())
                .isEqualTo("rbac_access_denied_matched_policy[no-admin]");
        assertThat(metric(r, "rbac.rbac.denied")).isEqualTo(2);
        assertThat(metric(r, "rbac.rbac.allowed")).isEqualTo(1);
    }

    @Test
    void shouldAllowOnlyRequestsMatchingAnAllowPolicy() {
        List<Exchange> xs =
                run(yaml(
                                """
                                - name: rbac
                                  native: rbac
                                  config:
                                    policies:
                                      has-token: {header: authorization, present: true}
                                """,
                                """
                                - name: with
                                  headers: {authorization: Bearer x}
                                - name: without
                                """))
                        .exchanges();
        assertThat(xs).extracting(x -> x.response().status()).containsExactly(200, 403);
        assertThat(xs.get(1).response().details())
                .isEqualTo("rbac_access_denied_matched_policy[none]");
    }

    @Test
    void shouldCheckTheRbacConfig() {
        assertRejected(
                """
                - name: rbac
                  native: rbac
                  config: {action: MAYBE, policies: {p: {header: x, present: true}}}
                """,
                "rbac (native rbac): config.action must be one of ALLOW, DENY, got 'MAYBE'");
        assertRejected(
                """
                - name: rbac
                  native: rbac
                  config: {policies: {p: {header: x}}}
                """,
                "rbac (native rbac): policy p must say how to match x: give values, exact,"
                        + " prefix, suffix, contains or safe_regex, or else present: true");
    }

    // ---- header-to-metadata ------------------------------------------------------------------

    @Test
    void shouldCopyHeadersIntoDynamicMetadata() {
        Exchange x =
                only(
                        run(
                                yaml(
                                        """
                                        - name: h2m
                                          native: header-to-metadata
                                          config:
                                            request_rules:
                                              - header: x-tenant
                                                on_header_present: {metadata_namespace: tenants, key: id}
                                                on_header_missing: {metadata_namespace: tenants, key: id, value: none}
                                              - header: x-weight
                                                on_header_present: {key: weight, type: NUMBER}
                                        """
                                                + Scenarios.lua(
                                                        "lua",
                                                        """
                                                        function envoy_on_request(handle)
                                                          local md = handle:streamInfo():dynamicMetadata()
                                                          handle:headers():add("x-id", md:get("tenants").id)
                                                          local w = md:get("envoy.filters.http.header_to_metadata").weight
                                                          handle:headers():add("x-weight-type", type(w))
                                                        end
                                                        """),
                                        """
                                        - name: get
                                          headers: {x-weight: "7"}
                                        """)));
        assertThat(upstream(x, "x-id")).isEqualTo("none");
        assertThat(upstream(x, "x-weight-type")).isEqualTo("number");
    }
}
