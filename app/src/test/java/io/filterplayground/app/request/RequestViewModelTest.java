package io.filterplayground.app.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestViewModelTest {
    private final RequestViewModel vm = new RequestViewModel();

    @Test
    void shouldSendOnlyEnabledRowsAndKeepDuplicates() {
        vm.headers()
                .setAll(
                        new HeaderRow(true, "x-a", "1"),
                        new HeaderRow(false, "x-off", "no"),
                        new HeaderRow(true, "x-a", "2"));
        HttpRequest r = vm.toRequest();
        assertThat(r.headers().all("x-a")).containsExactly("1", "2");
        assertThat(r.headers().contains("x-off")).isFalse();
    }

    @Test
    void shouldSplitTheBodyIntoChunks() {
        vm.bodyProperty().set("abcdefg");
        vm.chunksProperty().set(3);
        List<byte[]> chunks = vm.toRequest().bodyChunks();
        assertThat(chunks)
                .extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("abc", "de", "fg");
    }

    @Test
    void shouldRejectABadHeaderNameInPlainWords() {
        vm.headers().setAll(new HeaderRow(true, "bad name", "x"));
        assertThatThrownBy(vm::toRequest)
                .hasMessage("Headers: 'bad name' is not a valid header name");
        vm.headers().clear();
        vm.pathProperty().set("nope");
        assertThatThrownBy(vm::toRequest).hasMessageContaining("Path: must start with '/'");
    }

    @Test
    void shouldListSavedRequestsFirstAndKeepNewOnes() {
        vm.loadScenarioSteps(
                List.of(
                        new Step.Send(RequestSpec.of("first", HttpRequest.get("/one"))),
                        new Step.Advance(1000)));
        assertThat(vm.pathProperty().get()).isEqualTo("/one");
        vm.recordSent(HistoryEntry.Kind.SENT, "first", HttpRequest.get("/one"), "200");
        assertThat(vm.history())
                .extracting(HistoryEntry::kind)
                .containsExactly(HistoryEntry.Kind.SAVED, HistoryEntry.Kind.SENT);
        vm.pathProperty().set("/two");
        vm.keepCurrent();
        assertThat(vm.savedSteps()).hasSize(3);
        assertThat(((Step.Send) vm.savedSteps().get(2)).request().name()).isEqualTo("first-2");
    }

    @Test
    void shouldReportAnUnreadableCurlCommand() {
        assertThat(vm.pasteCurl("curl")).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Could not read the cURL command");
        assertThat(vm.pasteCurl("curl http://a.example/x -H 'x-y: z'")).isTrue();
        assertThat(vm.authorityProperty().get()).isEqualTo("a.example");
        assertThat(vm.copyAsCurl()).isEqualTo("curl http://a.example/x \\\n  -H 'x-y: z'");
    }
}
