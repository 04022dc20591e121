package io.filterplayground.engine.grpc;

import static io.filterplayground.engine.grpc.GrpcProbeRuns.callbacks;
import static io.filterplayground.engine.grpc.GrpcProbeRuns.logs;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.trace.HostCallEvent;
import org.junit.jupiter.api.Test;

/**
 * The same calls and streams against a mock cluster's {@code grpc:} script, which answers as a
 * server would over HTTP/2 and is read by the same decoder: the callbacks come in the order and
 * with the metadata a real server gives.
 */
class GrpcMockClusterTest {
    private static final String SCRIPT =
            "{mock: {grpc: {status: %d, message: \"%s\", response: pong,"
                    + " initialMetadata: {x-server-md: m1}, trailingMetadata: {x-t: v}}}}";

    private static RunResult run(int status, String message, String mode) {
        return GrpcProbeRuns.run(SCRIPT.formatted(status, message), mode, "Any");
    }

    @Test
    void shouldDeliverOnlyTheMessageOfASuccessfulUnaryCall() {
        RunResult r = run(0, "", "u");

        assertThat(logs(r)).containsExactly("receive pong");
        assertThat(callbacks(r)).containsExactly("proxy_on_grpc_receive");
    }

    @Test
    void shouldAcceptACancelOfTheCallInsideItsReceive() {
        RunResult r = run(0, "", "x");

        assertThat(logs(r)).containsExactly("receive pong");
        assertThat(r.exchanges().get(0).events())
                .filteredOn(
                        e -> e instanceof HostCallEvent h && h.name().equals("proxy_grpc_cancel"))
                .extracting(e -> ((HostCallEvent) e).result())
                .containsExactly("Ok");
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldCloseAFailedUnaryCallWithoutItsMessage() {
        RunResult r = run(8, "over limit", "u");

        assertThat(logs(r)).containsExactly("close 8 over limit");
        assertThat(callbacks(r)).containsExactly("proxy_on_grpc_close");
    }

    @Test
    void shouldAnswerAnEmptyMessageWhenTheScriptHasNoResponse() {
        // An empty message (google.protobuf.Empty) is a message: the call succeeds.
        RunResult r = GrpcProbeRuns.run("{mock: {grpc: {status: 0}}}", "u", "Any");

        assertThat(logs(r)).containsExactly("receive ");
    }

    @Test
    void shouldStreamTheScriptWithHttp2MetadataAndTrailers() {
        RunResult r = run(0, "", "s");

        // :status, content-type and x-server-md; grpc-status and x-t.
        assertThat(logs(r))
                .containsExactly(
                        "initial 3 m1", "receive pong", "receive pong", "trailing 2 0", "close 0 ");
    }

    @Test
    void shouldCloseAStreamWithTheScriptedStatusAfterEndStream() {
        RunResult r = run(5, "gone", "e");

        assertThat(logs(r))
                .containsExactly(
                        "initial 3 m1",
                        "receive pong",
                        "receive pong",
                        "trailing 3 5",
                        "close 5 gone");
    }

    @Test
    void shouldDeliverNothingAfterACancel() {
        RunResult cancelled = run(0, "", "c");
        RunResult atOnce = run(0, "", "k");

        assertThat(logs(cancelled)).containsExactly("initial 3 m1", "receive pong");
        assertThat(logs(atOnce)).isEmpty();
        assertThat(atOnce.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerUnavailableLikeEnvoysRouterWithoutAScript() {
        RunResult r = GrpcProbeRuns.run("{mock: {status: 200}}", "s", "Any");

        assertThat(logs(r)).hasSize(3);
        assertThat(logs(r).subList(0, 2)).containsExactly("initial 0 -", "trailing 4 14");
        assertThat(logs(r).get(2)).startsWith("close 14 cluster 'grpc' has no gRPC script");
    }
}
