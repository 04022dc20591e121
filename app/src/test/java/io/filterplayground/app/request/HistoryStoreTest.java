package io.filterplayground.app.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History tab's sent requests survive a restart of the app. */
class HistoryStoreTest {
    @TempDir Path dir;

    private static HttpRequest request() {
        return new HttpRequest(
                "POST",
                "https",
                "shop.example.com",
                "/items?x={{user}}",
                Headers.of("x-user", "alice", "x-user", "again"),
                List.of("a".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0, 1}),
                Headers.of("x-checksum", "7"));
    }

    @Test
    void shouldKeepSentRequestsAcrossRuns() {
        HistoryStore store = new HistoryStore(dir.resolve("home").resolve("history.json"));
        RequestViewModel first = new RequestViewModel();
        first.useStore(store);
        first.loadScenarioSteps(
                List.of(new Step.Send(RequestSpec.of("saved", HttpRequest.get("/")))));
        first.recordSent(HistoryEntry.Kind.SENT, "alice", request(), "200");
        first.recordSent(HistoryEntry.Kind.BURST, "burst", HttpRequest.get("/b"), "200 ×3");

        // The next run of the app: the sent ones come back, below the scenario's saved ones.
        RequestViewModel next = new RequestViewModel();
        next.useStore(store);
        next.loadScenarioSteps(
                List.of(new Step.Send(RequestSpec.of("other", HttpRequest.get("/o")))));

        assertThat(next.history())
                .extracting(HistoryEntry::kind, HistoryEntry::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HistoryEntry.Kind.SAVED, "other"),
                        org.assertj.core.groups.Tuple.tuple(HistoryEntry.Kind.BURST, "burst"),
                        org.assertj.core.groups.Tuple.tuple(HistoryEntry.Kind.SENT, "alice"));
        HttpRequest back = next.history().get(2).request();
        assertThat(back).usingRecursiveComparison().isEqualTo(request());
        assertThat(next.history().get(2).outcome()).isEqualTo("200");
    }

    @Test
    void shouldSetAsideAFileItCannotRead() throws Exception {
        Path file = dir.resolve("history.json");
        Files.writeString(file, "{not json");
        HistoryStore store = new HistoryStore(file);

        assertThat(store.load()).isEmpty();
        assertThat(dir.resolve("history.json.bad")).hasContent("{not json");
        assertThat(
                        store.save(
                                List.of(
                                        new HistoryEntry(
                                                HistoryEntry.Kind.SENT,
                                                "a",
                                                HttpRequest.get("/"),
                                                "200"))))
                .isTrue();
        assertThat(store.load()).hasSize(1);
    }

    @Test
    void shouldSayWhenTheHistoryCannotBeWritten() throws Exception {
        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "x");
        RequestViewModel vm = new RequestViewModel();
        vm.useStore(new HistoryStore(blocked.resolve("history.json")));

        vm.recordSent(HistoryEntry.Kind.SENT, "alice", HttpRequest.get("/"), "200");

        assertThat(vm.history()).hasSize(1);
        assertThat(vm.messageProperty().get()).startsWith("The history could not be written to ");
    }
}
