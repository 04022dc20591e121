package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.diff.StageDiff;
import io.filterplayground.app.request.ConnectionStepRow;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tcp scenario in the workspace without a toolkit, on the real engine: two network filters of
 * tcp_filter.c (one tags client bytes, one upper-cases upstream bytes) in front of an echo mock,
 * and access_log.c as the access logger.
 */
class TcpWorkspaceTest extends UiThreadTest {
    static final String SCENARIO =
            """
            listener: tcp
            clock: virtual
            clusters:
              echo:
                tcp: {echo: true}
            route: echo
            filters:
              - {name: tag, wasm: "sample:testdata/tcp_filter", vmId: tag, configuration: tag}
              - {name: upper, wasm: "sample:testdata/tcp_filter", vmId: upper, configuration: upper}
            accessLoggers:
              - {name: access-log, wasm: "sample:testdata/access_log"}
            connections:
              - name: ping
                steps:
                  - send: "ping\\r\\n"
                  - send: bye
                    endStream: true
            """;

    @TempDir Path dir;
    private WorkspaceViewModel vm;

    @BeforeEach
    void open() throws Exception {
        Path file = dir.resolve("tcp.yaml");
        Files.writeString(file, SCENARIO);
        vm = onUi(() -> new WorkspaceViewModel(ui, timer, background));
        await(() -> vm.open(file));
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void shouldSendTheScenariosConnectionAndShowEverySideOfIt() throws Exception {
        assertThat(onUi(() -> vm.runningProperty().get())).isTrue();
        assertThat(onUi(() -> vm.composingConnectionProperty().get())).isTrue();
        assertThat(onUi(() -> vm.chain().networkProperty().get())).isTrue();
        assertThat(onUi(() -> vm.connection().steps())).hasSize(2);

        RecordedExchange x = await(() -> vm.send());

        assertThat(x.isConnection()).isTrue();
        assertThat(text(x.connection().upstreamReceived())).isEqualTo("> ping\r\n> bye");
        assertThat(text(x.connection().received())).isEqualTo("> PING\r\n> BYE");
        assertThat(x.connection().closedBy()).isEqualTo("upstream");
        assertThat(onUi(() -> vm.response().statusProperty().get())).isEqualTo("closed");
        assertThat(onUi(() -> vm.response().replyProperty().get()))
                .startsWith("closed by the upstream — both sides ended their streams");
        // A text area drops a \r: the bytes show it escaped.
        assertThat(onUi(() -> vm.response().receivedProperty().get()))
                .isEqualTo("> PING\\r\n> BYE");
        onUi(
                () -> {
                    vm.response().hexProperty().set(true);
                    return null;
                });
        assertThat(onUi(() -> vm.response().upstreamReceivedProperty().get()))
                .startsWith("0000  3e 20 70 69 6e 67 0d 0a");
        assertThat(onUi(() -> vm.statsProperty().get()))
                .startsWith("1 connection(s) · closed by upstream ×1");
        assertThat(onUi(() -> vm.connection().history().get(1).label()))
                .isEqualTo("sent · ping · connection, 2 step(s) → closed by upstream");

        // Timeline: a lane per network filter, then the logger's, with its proxy_on_log.
        assertThat(onUi(() -> vm.timeline().lanes())).containsExactly("tag", "upper", "access-log");
        List<TimelineRow> rows = onUi(() -> List.copyOf(vm.timeline().rows()));
        assertThat(rows)
                .filteredOn(r -> r.title().equals("downstream_data"))
                .extracting(TimelineRow::filter, TimelineRow::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tag", "6 B"),
                        org.assertj.core.groups.Tuple.tuple("upper", "8 B"),
                        org.assertj.core.groups.Tuple.tuple("tag", "3 B · eos"),
                        org.assertj.core.groups.Tuple.tuple("upper", "5 B · eos"));
        assertThat(rows)
                .anyMatch(
                        r ->
                                r.title().equals("downstream_connection_close")
                                        && r.summary().equals("peer Local"));
        assertThat(rows).anyMatch(r -> r.title().equals("connection in"));
        assertThat(rows).anyMatch(r -> r.lane() == 2 && r.title().equals("log"));

        // Stage diff: tag changes the client's bytes, upper the upstream's (write filters run in
        // reverse: upper first).
        List<StageDiff> stages = onUi(() -> List.copyOf(vm.diff().stages()));
        assertThat(stages)
                .filteredOn(StageDiff::changed)
                .extracting(StageDiff::filter, StageDiff::stage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tag", Stage.DOWNSTREAM_DATA),
                        org.assertj.core.groups.Tuple.tuple("upper", Stage.UPSTREAM_DATA),
                        org.assertj.core.groups.Tuple.tuple("tag", Stage.DOWNSTREAM_DATA),
                        org.assertj.core.groups.Tuple.tuple("upper", Stage.UPSTREAM_DATA));
        assertThat(onUi(() -> vm.diff().selectedProperty().get().summary()))
                .isEqualTo("6 → 8 byte(s)");
        assertThat(onUi(() -> vm.diff().bodyAfterProperty().get())).isEqualTo("> ping\\r\n");
    }

    @Test
    void shouldSaveComposedConnectionsAndAccessLoggersIntoTheScenarioFile() throws Exception {
        onUi(
                () -> {
                    vm.connection().nameProperty().set("binary");
                    vm.connection().steps().clear();
                    ConnectionStepRow send = vm.connection().add(ConnectionStepRow.Kind.SEND);
                    send.hexProperty().set(true);
                    send.dataProperty().set("00 ff 0d 0a");
                    vm.connection()
                            .add(ConnectionStepRow.Kind.ADVANCE)
                            .durationProperty()
                            .set("2s");
                    vm.connection().add(ConnectionStepRow.Kind.CLOSE);
                    vm.connection().keepCurrent();
                    vm.chain().loggers().items().get(0).configTextProperty().set("counted");
                    return null;
                });
        Path saved = dir.resolve("saved.yaml");
        assertThat(onUi(() -> vm.save(saved))).isTrue();

        Scenario back = ScenarioLoader.load(saved, io.filterplayground.app.cli.Inputs.schemes());
        assertThat(back.listener()).isEqualTo(Listener.TCP);
        assertThat(back.connections()).extracting(c -> c.name()).containsExactly("ping", "binary");
        assertThat(back.connections().get(1).steps())
                .containsExactly(
                        new ConnectionStep.Send(new byte[] {0, (byte) 0xff, 13, 10}, false),
                        new ConnectionStep.Advance(2000),
                        new ConnectionStep.Close(ConnectionStep.Side.DOWNSTREAM));
        assertThat(back.accessLoggers()).hasSize(1);
        assertThat(back.accessLoggers().get(0).name()).isEqualTo("access-log");
        assertThat(back.accessLoggers().get(0).plugin().configuration()).isEqualTo("counted");
        assertThat(back.filters()).extracting(f -> f.name()).containsExactly("tag", "upper");

        // Save as test gives each connection the expect block of what it got.
        Path test = dir.resolve("test.yaml");
        assertThat(await(() -> vm.saveAsTest(test))).isTrue();
        assertThat(onUi(() -> vm.messageProperty().get().text()))
                .startsWith("Saved test.yaml: 2 connection(s) ran again");
        Scenario recorded = ScenarioLoader.load(test, io.filterplayground.app.cli.Inputs.schemes());
        assertThat(recorded.connections().get(0).expect().closedBy()).isEqualTo("upstream");
        assertThat(recorded.connections().get(0).expect().received())
                .isEqualTo("> PING\r\n> BYE".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseLuaAndBuiltInFiltersOnANetworkChain() throws Exception {
        assertThat(onUi(() -> vm.chain().addLua())).isNull();
        assertThat(onUi(() -> vm.chain().messageProperty().get()))
                .isEqualTo(
                        "Not added: a Lua script is an HTTP filter, and a TCP listener's chain"
                                + " takes Wasm network filters only.");
        assertThat(onUi(() -> vm.chain().addNative("cors"))).isNull();
        assertThat(onUi(() -> vm.chain().items())).hasSize(2);
        assertThat(onUi(() -> BreakAt.choices(vm.chain().networkProperty().get())))
                .containsExactly(
                        BreakAt.NONE,
                        BreakAt.EVERY_STAGE,
                        BreakAt.DOWNSTREAM_DATA,
                        BreakAt.UPSTREAM_DATA);
    }

    @Test
    void shouldStopBeforeANetworkFiltersDataAndSendTheEditedBytes() throws Exception {
        onUi(
                () -> {
                    vm.chain().items().get(0).breakAtProperty().set(BreakAt.DOWNSTREAM_DATA);
                    return null;
                });
        CompletableFuture<RecordedExchange> sent = onUi(() -> vm.send());
        waitFor("the pause", () -> vm.debug().currentProperty().get() != null);
        assertThat(onUi(() -> vm.debug().currentProperty().get().stage()))
                .isEqualTo(Stage.DOWNSTREAM_DATA);
        assertThat(onUi(() -> vm.debug().textProperty().get())).isEqualTo("ping\\r\n");
        waitFor(
                "the connection shown as waiting",
                () ->
                        vm.selectedProperty().get() != null
                                && vm.selectedProperty().get().pending()
                                && vm.selectedProperty().get().isConnection());
        onUi(
                () -> {
                    vm.debug().hexProperty().set(true);
                    return null;
                });
        assertThat(onUi(() -> vm.debug().textProperty().get())).isEqualTo("70 69 6e 67 0d 0a");
        onUi(
                () -> {
                    vm.debug().textProperty().set("50 4f 4e 47 0a");
                    vm.debug().continueCurrent();
                    return null;
                });
        // The second chunk stops too: let it go as it is.
        waitFor("the second pause", () -> vm.debug().currentProperty().get() != null);
        onUi(
                () -> {
                    vm.debug().continueCurrent();
                    return null;
                });
        RecordedExchange x = sent.get(30, TimeUnit.SECONDS);
        assertThat(text(x.connection().upstreamReceived())).isEqualTo("> PONG\n> bye");
    }
}
