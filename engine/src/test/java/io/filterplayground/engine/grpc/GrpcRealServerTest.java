package io.filterplayground.engine.grpc;

import static io.filterplayground.engine.grpc.GrpcProbeRuns.callbacks;
import static io.filterplayground.engine.grpc.GrpcProbeRuns.logs;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.RunResult;
import io.grpc.Metadata;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gRPC calls and streams to a real grpc-java server on a loopback port, with the callbacks in
 * Envoy's order (Context::onGrpcReceiveWrapper, onGrpcCloseWrapper and the call and stream handlers
 * in source/extensions/common/wasm/context.h; Grpc::AsyncStreamImpl and AsyncRequestImpl in
 * source/common/grpc/async_client_impl.cc).
 */
class GrpcRealServerTest {
    private EchoGrpcServer server;

    @BeforeEach
    void start() throws Exception {
        server = new EchoGrpcServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RunResult run(String mode, String method) {
        return GrpcProbeRuns.run("{url: \"" + server.url() + "\"}", mode, method);
    }

    @Test
    void shouldDeliverOnlyTheMessageOfASuccessfulUnaryCall() {
        RunResult r = run("u", "Unary");

        assertThat(logs(r)).containsExactly("receive echo:hello");
        assertThat(callbacks(r)).containsExactly("proxy_on_grpc_receive");
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
        Metadata sent = server.requests.get(0);
        assertThat(sent.get(Metadata.Key.of("x-client-md", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("hello");
        assertThat(sent.get(Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER)))
                .isNotNull();
    }

    @Test
    void shouldReadTheClusterAndMetadataOfASerializedGrpcService() {
        RunResult r = run("p", "Unary");

        assertThat(logs(r)).containsExactly("receive echo:hello");
        Metadata sent = server.requests.get(0);
        assertThat(sent.get(Metadata.Key.of("x-svc-md", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("svc");
        assertThat(sent.get(Metadata.Key.of("x-client-md", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("hello");
    }

    @Test
    void shouldCloseAFailedUnaryCallWithItsStatusAndMessage() {
        RunResult r = run("u", "Fail");

        assertThat(logs(r)).containsExactly("close 7 not for you");
        assertThat(callbacks(r)).containsExactly("proxy_on_grpc_close");
    }

    @Test
    void shouldFailAUnaryCallThatEndsOkWithoutAMessageAsInternal() {
        RunResult r = run("u", "Empty");

        assertThat(logs(r)).containsExactly("close 13 ");
    }

    @Test
    void shouldCloseAnUnknownMethodAsUnimplemented() {
        RunResult r = run("u", "Missing");

        assertThat(logs(r)).singleElement().asString().startsWith("close 12 ");
    }

    @Test
    void shouldStreamMessagesAndCloseAfterTheHalfClose() {
        RunResult r = run("s", "Chat");

        assertThat(logs(r)).hasSize(5);
        assertThat(logs(r).get(0)).startsWith("initial ").endsWith(" s1");
        assertThat(logs(r).subList(1, 3)).containsExactly("receive echo:one", "receive echo:two");
        assertThat(logs(r).get(3)).startsWith("trailing ").endsWith(" 0");
        assertThat(logs(r).get(4)).isEqualTo("close 0 ");
        assertThat(callbacks(r))
                .containsExactly(
                        "proxy_on_grpc_receive_initial_metadata",
                        "proxy_on_grpc_receive",
                        "proxy_on_grpc_receive",
                        "proxy_on_grpc_receive_trailing_metadata",
                        "proxy_on_grpc_close");
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldEndTheStreamWithEndStreamOnTheLastMessage() {
        RunResult r = run("e", "Chat");

        assertThat(logs(r))
                .contains("receive echo:one", "receive echo:two", "close 0 ")
                .last()
                .isEqualTo("close 0 ");
    }

    @Test
    void shouldDeliverNothingAfterACancelAndResetTheServerCall() throws Exception {
        RunResult r = run("c", "Chat");

        assertThat(logs(r)).hasSize(2);
        assertThat(logs(r).get(1)).isEqualTo("receive echo:one");
        assertThat(callbacks(r))
                .containsExactly("proxy_on_grpc_receive_initial_metadata", "proxy_on_grpc_receive");
        assertThat(server.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldDeliverNothingForAUnaryCallCancelledAtOnce() {
        RunResult r = run("k", "Unary");

        assertThat(logs(r)).isEmpty();
        assertThat(callbacks(r)).isEmpty();
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldCloseUnavailableAsEnvoysRouterAnswersWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String down = "{url: \"http://127.0.0.1:" + port + "\"}";

        RunResult unary = GrpcProbeRuns.run(down, "u", "Unary");
        RunResult stream = GrpcProbeRuns.run(down, "s", "Chat");

        assertThat(logs(unary)).singleElement().asString().startsWith("close 14 upstream connect");
        assertThat(logs(stream)).hasSize(3);
        assertThat(logs(stream).get(0)).isEqualTo("initial 0 -");
        assertThat(logs(stream).get(1)).isEqualTo("trailing 4 14");
        assertThat(logs(stream).get(2)).startsWith("close 14 upstream connect");
    }
}
