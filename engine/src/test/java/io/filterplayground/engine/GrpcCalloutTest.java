package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.LogEvent;
import java.nio.ByteBuffer;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unary gRPC calls to a real upstream at the wire: the rate-limit shim asks a local HTTP/2 (prior
 * knowledge) server, as it would ask Envoy's ratelimit service, and the answer's grpc-status
 * decides. (GrpcRealServerTest talks to a real grpc-java server.)
 */
class GrpcCalloutTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private RunResult run(String ratelimitCluster) {
        return Fixtures.run(
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200}}
                  ratelimit: %s
                route: backend
                filters:
                  - {name: shim, wasm: testdata/grpc_shim.wasm}
                requests:
                  - {name: r}
                """
                        .formatted(ratelimitCluster));
    }

    private String realCluster() {
        return "{url: \"" + server.url("/") + "\"}";
    }

    private static Buffer framed(String message) {
        byte[] m = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Buffer()
                .write(
                        ByteBuffer.allocate(5 + m.length)
                                .put((byte) 0)
                                .putInt(m.length)
                                .put(m)
                                .array());
    }

    private static List<String> grpcCallbacks(RunResult r) {
        return r.exchanges().get(0).events().stream()
                .filter(e -> e instanceof CallbackEvent c && c.name().startsWith("proxy_on_grpc"))
                .map(e -> ((CallbackEvent) e).name())
                .toList();
    }

    private static long closeStatus(RunResult r) {
        return r.exchanges().get(0).events().stream()
                .filter(e -> e instanceof CallbackEvent c && c.name().equals("proxy_on_grpc_close"))
                .map(e -> (Long) ((CallbackEvent) e).args().get("status_code"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldSendTheCallOverHttp2AndResumeOnOk() throws Exception {
        server.enqueue(
                new MockResponse.Builder()
                        .code(200)
                        .addHeader("content-type", "application/grpc")
                        .body(framed("OK"))
                        .trailers(Headers.of("grpc-status", "0"))
                        .build());

        RunResult r = run(realCluster());

        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
        assertThat(r.logs()).extracting(LogEvent::message).contains("grpc_shim: OK");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getTarget())
                .isEqualTo("/envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit");
        assertThat(sent.getHeaders().get("content-type")).isEqualTo("application/grpc");
        assertThat(sent.getHeaders().get("te")).isEqualTo("trailers");
        assertThat(sent.getHeaders().get("grpc-timeout")).isEqualTo("1000m");
        // The shim's message "req", length-prefixed as gRPC frames it.
        assertThat(sent.getBody().toByteArray()).containsExactly(0, 0, 0, 0, 3, 'r', 'e', 'q');
        // A successful unary call gets its message and nothing else (Envoy's onSuccessRaw).
        assertThat(grpcCallbacks(r)).containsExactly("proxy_on_grpc_receive");
    }

    @Test
    void shouldTakeTheStatusOfATrailersOnlyAnswer() {
        server.enqueue(
                new MockResponse.Builder()
                        .code(200)
                        .addHeader("content-type", "application/grpc")
                        .addHeader("grpc-status", "8")
                        .addHeader("grpc-message", "over%20limit")
                        .build());

        RunResult r = run(realCluster());

        assertThat(r.exchanges().get(0).response().status()).isEqualTo(429);
        assertThat(closeStatus(r)).isEqualTo(8);
        assertThat(grpcCallbacks(r)).containsExactly("proxy_on_grpc_close");
        assertThat(r.logs())
                .extracting(LogEvent::message)
                .noneMatch(m -> m.startsWith("grpc_shim:"));
    }

    @Test
    void shouldMapAnHttpErrorWithoutGrpcStatusAsEnvoyDoes() {
        server.enqueue(new MockResponse.Builder().code(503).body("no").build());

        RunResult r = run(realCluster());

        assertThat(closeStatus(r)).isEqualTo(14); // UNAVAILABLE
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(429);
    }

    @Test
    void shouldCloseUnavailableWhenTheUpstreamIsDown() throws Exception {
        String url = server.url("/").toString();
        server.close();

        RunResult r = run("{url: \"" + url + "\"}");

        assertThat(closeStatus(r)).isEqualTo(14); // UNAVAILABLE
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(429);
    }
}
