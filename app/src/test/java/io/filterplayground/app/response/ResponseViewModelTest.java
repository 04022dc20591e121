package io.filterplayground.app.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response panel's line about where the response came from, with Envoy's response flags. */
class ResponseViewModelTest {
    private static RecordedExchange answered(HttpResponse r) {
        return new RecordedExchange(
                new Exchange(
                        1,
                        0,
                        "a",
                        "worker-0",
                        HttpRequest.get("/"),
                        r,
                        null,
                        List.of(),
                        Map.of(),
                        0),
                List.of());
    }

    private static HttpResponse reply(boolean local, String details, String flags) {
        return new HttpResponse(
                503, Headers.empty(), new byte[0], Headers.empty(), local, details, flags, false);
    }

    @Test
    void shouldNameTheResponseFlagsBesideTheDetails() {
        ResponseViewModel vm = new ResponseViewModel();
        vm.show(
                answered(
                        reply(
                                true,
                                "upstream_reset_before_response_started{connection_failure}",
                                "UF")));
        assertThat(vm.replyProperty().get())
                .isEqualTo(
                        "local reply by the proxy"
                                + " (upstream_reset_before_response_started{connection_failure}),"
                                + " response flags UF");
        vm.show(answered(HttpResponse.reset("stream_idle_timeout", "SI")));
        assertThat(vm.replyProperty().get())
                .isEqualTo("stream reset: stream_idle_timeout, response flags SI");
    }

    @Test
    void shouldSayNothingOfFlagsWhenThereAreNone() {
        ResponseViewModel vm = new ResponseViewModel();
        vm.show(answered(reply(false, "via_upstream", "")));
        assertThat(vm.replyProperty().get()).isEqualTo("from the upstream (via_upstream)");
    }
}
