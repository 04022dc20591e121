package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP and gRPC callouts (issue 3), with real HTTP through OkHttp against a local server. */
class CalloutTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String scenario(String authCluster) {
        return """
                workers: 1
                clusters:
                  backend: {mock: {status: 200, body: "welcome"}}
                  auth: %s
                route: backend
                filters:
                  - name: auth
                    wasm: auth-callout/auth_callout.wasm
                    configuration: {cluster: auth, path: /check, timeoutMs: 2000}
                requests:
                  - {name: alice, headers: {x-user: alice}}
                """
                .formatted(authCluster);
    }

    @Test
    void shouldResumeTheStreamWhenARealAuthServerSays200() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

        RunResult r = Fixtures.run(scenario("{url: \"" + server.url("/") + "\"}"));

        Exchange x = r.exchanges().get(0);
        assertThat(x.response().status()).isEqualTo(200);
        assertThat(x.upstreamRequest().headers().first("x-auth")).contains("ok");
        RecordedRequest seen = server.takeRequest();
        assertThat(seen.getTarget()).isEqualTo("/check");
        assertThat(seen.getHeaders().get("x-user")).isEqualTo("alice");
        // The reply reaches the root context, on the stream's worker.
        CallbackEvent reply =
                x.events().stream()
                        .filter(
                                e ->
                                        e instanceof CallbackEvent c
                                                && c.name().equals("proxy_on_http_call_response"))
                        .map(e -> (CallbackEvent) e)
                        .findFirst()
                        .orElseThrow();
        assertThat(reply.thread()).isEqualTo(x.worker());
        assertThat(reply.contextId()).isEqualTo(1);
        assertThat((Long) reply.args().get("num_headers")).isPositive();
        assertThat(x.events())
                .anyMatch(
                        e ->
                                e instanceof HostCallEvent h
                                        && h.name().equals("proxy_set_effective_context"));
    }

    @Test
    void shouldAnswer403WhenTheRealAuthServerRefuses() {
        server.enqueue(new MockResponse.Builder().code(403).build());

        Exchange x =
                Fixtures.run(scenario("{url: \"" + server.url("/") + "\"}")).exchanges().get(0);

        assertThat(x.response().status()).isEqualTo(403);
        assertThat(x.response().localReply()).isTrue();
        assertThat(x.upstreamRequest()).isNull();
    }

    @Test
    void shouldRouteToARealUpstreamKeepingTheContentTypeAndReturningTrailers() throws Exception {
        server.enqueue(
                new MockResponse.Builder()
                        .code(201)
                        .addHeader("content-type", "text/plain")
                        .chunkedBody("made", 2)
                        .trailers(okhttp3.Headers.of("x-checksum", "7"))
                        .build());

        Exchange x =
                Fixtures.run(
                                """
                                workers: 1
                                clusters:
                                  backend: {url: "%s"}
                                route: backend
                                requests:
                                  - name: post
                                    method: POST
                                    path: /items
                                    headers: {content-type: application/json}
                                    body: '{"a": 1}'
                                """
                                        .formatted(server.url("/")))
                        .exchanges()
                        .get(0);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getTarget()).isEqualTo("/items");
        assertThat(sent.getHeaders().get("content-type")).isEqualTo("application/json");
        assertThat(sent.getBody().utf8()).isEqualTo("{\"a\": 1}");
        assertThat(x.response().status()).isEqualTo(201);
        assertThat(x.response().bodyText()).isEqualTo("made");
        assertThat(x.response().trailers().first("x-checksum")).contains("7");
    }

    @Test
    void shouldDeliverAFailedCallWithZeroHeaders() throws Exception {
        String closed = server.url("/").toString();
        server.close();

        Exchange x = Fixtures.run(scenario("{url: \"" + closed + "\"}")).exchanges().get(0);

        CallbackEvent reply =
                x.events().stream()
                        .filter(
                                e ->
                                        e instanceof CallbackEvent c
                                                && c.name().equals("proxy_on_http_call_response"))
                        .map(e -> (CallbackEvent) e)
                        .findFirst()
                        .orElseThrow();
        assertThat(reply.args()).containsEntry("num_headers", 0L);
        assertThat(x.response().status()).isEqualTo(503);
        assertThat(x.response().bodyText()).isEqualTo("auth service unavailable\n");
    }

    @Test
    void shouldTimeOutASlowMockOnTheVirtualClock() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clock: virtual
                clusters:
                  backend: {mock: {status: 200}}
                  auth: {mock: {status: 200, delay: 5s}}
                route: backend
                filters:
                  - {name: auth, wasm: auth-callout/auth_callout.wasm, configuration: {cluster: auth, path: /check, timeoutMs: 500}}
                requests:
                  - {name: slow, advanceTime: 1s}
                """);

        assertThat(r.exchanges().get(0).response().status()).isEqualTo(503);
    }

    @Test
    void shouldAnswerBadArgumentForMissingPseudoHeadersAndUnknownClustersLikeEnvoy() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                filters:
                  - {name: checks, wasm: testdata/callout_checks.wasm}
                requests:
                  - {name: r}
                """);

        assertThat(r.logs())
                .extracting(LogEvent::message)
                .contains("callout_checks: missing_authority=2 unknown_cluster=2 foreign=1");
        HostCallEvent missing =
                r.exchanges().get(0).events().stream()
                        .filter(
                                e ->
                                        e instanceof HostCallEvent h
                                                && h.name().equals("proxy_http_call"))
                        .map(e -> (HostCallEvent) e)
                        .findFirst()
                        .orElseThrow();
        assertThat(missing.result()).isEqualTo("BadArgument");
        assertThat(missing.hint()).contains(":authority is missing");
    }

    @Test
    void shouldRunAGrpcRateLimitShimAgainstScriptedMockReplies() {
        String scenario =
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200}}
                  ratelimit: {mock: {grpc: {status: %d, response: %s}}}
                route: backend
                filters:
                  - {name: shim, wasm: testdata/grpc_shim.wasm}
                requests:
                  - {name: r}
                """;

        RunResult ok = Fixtures.run(scenario.formatted(0, "OK"));
        RunResult over = Fixtures.run(scenario.formatted(8, "OVER_LIMIT"));

        assertThat(ok.exchanges().get(0).response().status()).isEqualTo(200);
        assertThat(ok.logs()).extracting(LogEvent::message).contains("grpc_shim: OK");
        assertThat(over.exchanges().get(0).response().status()).isEqualTo(429);
        // A failed unary call gets proxy_on_grpc_close only, never its message (Envoy's
        // GrpcCallClientHandler::onFailure).
        assertThat(over.logs())
                .extracting(LogEvent::message)
                .noneMatch(m -> m.startsWith("grpc_shim:"));
    }
}
