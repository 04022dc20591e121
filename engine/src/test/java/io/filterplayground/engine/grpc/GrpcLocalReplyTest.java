package io.filterplayground.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A local reply to a gRPC request is what gRPC clients can read (Envoy's {@code
 * Http::Utility::prepareLocalReply}): HTTP 200, headers only, {@code grpc-status} from the filter
 * or from the HTTP status, the body as {@code grpc-message}. The Rust SDK's {@code
 * send_grpc_response} relies on it.
 */
class GrpcLocalReplyTest {
    private static Exchange run(String contentType, String localReply) {
        return Fixtures.run(
                        """
                        workers: 1
                        clusters:
                          backend: {mock: {status: 200}}
                        route: backend
                        filters:
                          - name: probe
                            wasm: testdata/hostcall_probe.wasm
                            configuration: 'request_headers: proxy_send_local_response %s'
                        requests:
                          - {name: r, method: POST, headers: {content-type: %s}}
                        """
                                .formatted(localReply, contentType))
                .exchanges()
                .get(0);
    }

    @Test
    void shouldAnswerAGrpcRequestWithTheFiltersGrpcStatusAndMessage() {
        Exchange x = run("application/grpc", "200 \"\" \"Aborted by Proxy-Wasm!\" \"\" 10");

        assertThat(x.response().status()).isEqualTo(200);
        assertThat(x.response().headers().first("content-type")).contains("application/grpc");
        assertThat(x.response().headers().first("grpc-status")).contains("10");
        assertThat(x.response().headers().first("grpc-message")).contains("Aborted by Proxy-Wasm!");
        assertThat(x.response().headers().contains("content-length")).isFalse();
        assertThat(x.response().bodyText()).isEmpty();
    }

    @Test
    void shouldDeriveTheGrpcStatusFromTheHttpStatusWhenTheFilterGivesNone() {
        Exchange x = run("application/grpc+proto", "429 \"\" \"over limit\\n\" \"\" -1");

        assertThat(x.response().status()).isEqualTo(200);
        assertThat(x.response().headers().first("grpc-status")).contains("14");
        assertThat(x.response().headers().first("grpc-message")).contains("over limit");
    }

    @Test
    void shouldLeaveAReplyToAnHttpRequestAsItIs() {
        Exchange x = run("text/plain", "403 \"\" \"denied\" \"\" 10");

        assertThat(x.response().status()).isEqualTo(403);
        assertThat(x.response().headers().contains("grpc-status")).isFalse();
        assertThat(x.response().bodyText()).isEqualTo("denied");
    }
}
