package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.diff.HeaderChange;
import io.filterplayground.app.diff.StageDiff;
import io.filterplayground.app.editor.CodeEditor;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.app.workspace.ScenarioFiles;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.report.Expectations;
import io.filterplayground.engine.scenario.FaultSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle) on the built-in demo and the real engine. */
@ExtendWith(ApplicationExtension.class)
class PlaygroundWindowTest {
    private final WindowFixture fx = new WindowFixture();

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldShowTheTimelineTheDiffAndTheVmsOfARequest(FxRobot robot) {
        fx.awaitRunning();
        assertThat(robot.lookup("#chain-list").queryListView().getItems()).hasSize(5);

        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.exchange().response().status()).isEqualTo(200);
        assertThat(robot.lookup("#response-status").queryAs(Label.class).getText())
                .isEqualTo("200");

        // Timeline: one lane per filter, every filter's request_headers callback, in chain order.
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        List<TimelineRow> requestHeaders =
                timeline.getItems().stream()
                        .filter(r -> r.kind() == TimelineRow.Kind.CALLBACK)
                        .filter(r -> r.title().equals("request_headers"))
                        .toList();
        assertThat(requestHeaders)
                .extracting(TimelineRow::filter)
                .containsExactly("add-header", "deny", "request-counter", "body-rewrite");
        assertThat(requestHeaders).extracting(TimelineRow::lane).containsExactly(0, 1, 2, 3);
        // stats only exports proxy_on_log: its lane shows that callback and no header callbacks.
        assertThat(timeline.getItems()).anyMatch(r -> r.lane() == 4 && r.title().equals("log"));
        assertThat(requestHeaders).allMatch(r -> r.action().equals("Continue"));
        assertThat(timeline.getItems()).anyMatch(r -> r.title().equals("to upstream"));

        // Selecting deny's callback shows the hostcalls made inside it, decoded.
        int row = timeline.getItems().indexOf(requestHeaders.get(1));
        robot.interact(() -> timeline.scrollTo(row));
        robot.clickOn(
                robot.lookup(".list-cell")
                        .match(
                                (Node n) ->
                                        n instanceof javafx.scene.control.ListCell<?> c
                                                && c.getItem() == requestHeaders.get(1))
                        .queryAs(Node.class));
        TableView<?> hostcalls = robot.lookup("#hostcall-table").queryTableView();
        assertThat(hostcalls.getItems()).isNotEmpty();
        assertThat(hostcalls.getItems().toString())
                .contains("proxy_get_header_map_value")
                .contains("x-user");
        assertThat(robot.lookup("#callback-heading").queryAs(Label.class).getText())
                .contains("proxy_on_request_headers")
                .contains("deny");

        // Header diff: add-header adds x-tenant on the way in.
        WindowFixture.select(robot, "#center-tabs", 1);
        ListView<StageDiff> stages = robot.lookup("#stage-list").queryListView();
        assertThat(stages.getItems()).hasSizeGreaterThan(5);
        StageDiff first = stages.getSelectionModel().getSelectedItem();
        assertThat(first.filter()).isEqualTo("add-header");
        TableView<HeaderChange> diff = robot.lookup("#diff-table").queryTableView();
        assertThat(diff.getItems())
                .contains(new HeaderChange("x-tenant", null, "demo", HeaderChange.Change.ADDED));

        // Workers & VMs: main with the singleton, two workers with five VMs each; the worker that
        // served the request has its five VMs outlined.
        WindowFixture.select(robot, "#center-tabs", 2);
        WindowFixture.await(
                "the VM map", 20, () -> robot.lookup(".vm-card").queryAll().size() == 11);
        assertThat(robot.lookup(".vm-card.served").queryAll()).hasSize(5);
        assertThat(robot.lookup("#thread-main").queryAll()).hasSize(1);
        assertThat(robot.lookup("#thread-worker-0").queryAll()).hasSize(1);
    }

    @Test
    void shouldBuildTheTimelineAndDiffOfARequestSentWhileHiddenWhenShown(FxRobot robot) {
        fx.awaitRunning();
        WindowFixture.select(robot, "#center-tabs", 2);
        fx.send(robot, 1);

        // Not built for nobody: a burst's last request would cost a stall of the UI thread.
        assertThat(fx.vm().timeline().rows()).isEmpty();
        assertThat(fx.vm().diff().stages()).isEmpty();

        WindowFixture.select(robot, "#center-tabs", 0);
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .filteredOn(r -> r.title().equals("request_headers"))
                .extracting(TimelineRow::filter)
                .containsExactly("add-header", "deny", "request-counter", "body-rewrite");
        assertThat(fx.vm().diff().stages()).as("still hidden").isEmpty();
        WindowFixture.select(robot, "#center-tabs", 1);
        assertThat(robot.lookup("#stage-list").queryListView().getItems()).hasSizeGreaterThan(5);
    }

    @Test
    void shouldApplyChainEditsBeforeTheNextSend(FxRobot robot) {
        fx.awaitRunning();
        // Add a second add-header from the module library: it joins after the selected filter.
        robot.interact(
                () -> {
                    robot.lookup("#left-tabs").queryAs(TabPane.class).getSelectionModel().select(1);
                    ModuleEntry addHeader = fx.vm().modules().byRef("sample:add-header");
                    fx.vm().modules().selectedProperty().set(addHeader);
                });
        robot.clickOn("#add-to-chain-button");
        List<String> names = names();
        assertThat(names)
                .containsExactly(
                        "add-header",
                        "add-header-2",
                        "deny",
                        "request-counter",
                        "body-rewrite",
                        "stats");

        // Reorder: move it to the top of the chain.
        robot.clickOn("#move-up-button");
        assertThat(names()).startsWith("add-header-2", "add-header");

        // Change its configuration in the editor.
        CodeEditor editor = robot.lookup("#config-editor").queryAs(CodeEditor.class);
        robot.interact(
                () ->
                        editor.area()
                                .replaceText(
                                        "{\"request\": {\"x-from-gui\": \"1\"}, \"response\": {\"x-gui\": \"changed\"}}"));

        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.chain()).startsWith("add-header-2", "add-header");
        assertThat(x.exchange().response().headers().first("x-gui")).contains("changed");
        assertThat(x.exchange().upstreamRequest().headers().first("x-from-gui")).contains("1");
        TableView<Header> headers = robot.lookup("#response-headers").queryTableView();
        assertThat(headers.getItems()).contains(new Header("x-gui", "changed"));
        assertThat(
                        robot.lookup("#timeline-list").queryListView().getItems().stream()
                                .filter(
                                        r ->
                                                r instanceof TimelineRow t
                                                        && t.kind() == TimelineRow.Kind.CALLBACK)
                                .map(r -> ((TimelineRow) r).filter())
                                .findFirst())
                .contains("add-header-2");

        // Disable it: the next request no longer carries its header.
        robot.interact(() -> fx.vm().chain().items().get(0).enabledProperty().set(false));
        RecordedExchange y = fx.send(robot, 2);
        assertThat(y.exchange().response().headers().first("x-gui")).isEmpty();
    }

    @Test
    void shouldShowATrappedFilterInTheTimeline(FxRobot robot) {
        fx.awaitRunning();
        robot.interact(() -> fx.vm().addToChain(fx.vm().modules().byRef("sample:testdata/faults")));
        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.exchange().response().status()).isEqualTo(503);
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .anyMatch(r -> r.kind() == TimelineRow.Kind.TRAP && r.filter().equals("faults"));
        // A trap is a result, not an error: no error message.
        assertThat(fx.vm().messageProperty().get().kind())
                .isNotEqualTo(io.filterplayground.app.workspace.Message.Kind.ERROR);
        WindowFixture.select(robot, "#center-tabs", 2);
        WindowFixture.await(
                "a VM that is not running",
                20,
                () ->
                        !robot.lookup(".vm-card").queryAll().isEmpty()
                                && fx.vm().vms().last().vms().stream()
                                        .anyMatch(v -> !v.state().equals("running")));
    }

    @Test
    void shouldFillTheComposerFromACurlCommand(FxRobot robot) {
        fx.awaitRunning();
        robot.clickOn("#paste-curl-button");
        robot.clickOn("#curl-input");
        robot.write(
                "curl -X POST 'http://shop.example.com/items?x=1' -H 'x-user: alice' "
                        + "-H 'content-type: application/json' --data-raw '{\"name\": \"widget\"}'");
        robot.clickOn("#curl-apply");
        assertThat(fx.vm().request().methodProperty().get()).isEqualTo("POST");
        assertThat(fx.vm().request().pathProperty().get()).isEqualTo("/items?x=1");
        assertThat(fx.vm().request().authorityProperty().get()).isEqualTo("shop.example.com");
        TableView<?> headers = robot.lookup("#request-headers-table").queryTableView();
        assertThat(headers.getItems()).hasSize(2);
        assertThat(robot.lookup("#request-message").queryAs(Label.class).getText())
                .startsWith("Filled in from cURL");

        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.exchange().request().method()).isEqualTo("POST");
        assertThat(
                        new String(
                                x.exchange().upstreamRequest().body(),
                                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"name\": \"widget\"}");
    }

    @Test
    void shouldExplainABadScenarioFile(FxRobot robot, @TempDir Path dir) throws Exception {
        fx.awaitRunning();
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "workers: 2\nfilters:\n  - name: x\n    wasm: missing.wasm\n");
        fx.answers.add(bad);
        robot.clickOn("#open-button");
        WindowFixture.await(
                "the message",
                20,
                () ->
                        robot.lookup("#message-text")
                                .queryAs(Label.class)
                                .getText()
                                .startsWith("Could not open broken.yaml"));
        assertThat(robot.lookup("#message-text").queryAs(Label.class).getText())
                .contains("filters[0].wasm")
                .contains("missing.wasm");
        // The demo is still there and still runs.
        assertThat(names()).hasSize(5);
        assertThat(fx.send(robot, 1).exchange().response().status()).isEqualTo(200);

        Path garbage = dir.resolve("garbage.wasm");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        fx.answers.add(garbage);
        robot.clickOn("#load-module-button");
        WindowFixture.await(
                "the module message",
                20,
                () ->
                        robot.lookup("#message-text")
                                .queryAs(Label.class)
                                .getText()
                                .startsWith("Could not load garbage.wasm"));
    }

    @Test
    void shouldSaveTheDemoAsATestThatPasses(FxRobot robot, @TempDir Path dir) throws Exception {
        fx.awaitRunning();
        Path test = dir.resolve("demo-test.yaml");
        fx.answers.add(test);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S)
                .release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        WindowFixture.await(
                "the saved test",
                60,
                () ->
                        robot.lookup("#message-text")
                                .queryAs(Label.class)
                                .getText()
                                .startsWith("Saved demo-test.yaml"));
        // What the command line's test would do with the file.
        RunResult again =
                ScenarioRunner.run(
                        ScenarioFiles.open(test), Playground.Options.defaults(), TraceSink.NONE);
        assertThat(Expectations.checked(again)).isEqualTo(again.sent().size()).isPositive();
        assertThat(Expectations.check(again)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldInjectATrapAndShowWhatTheFailurePolicyDoes(FxRobot robot) {
        fx.awaitRunning();
        robot.interact(
                () -> fx.vm().chain().selectedProperty().set(fx.vm().chain().items().get(0)));
        ChoiceBox<Callback> callback = robot.lookup("#fault-callback").queryAs(ChoiceBox.class);
        assertThat(callback.getValue()).isNull();
        robot.interact(() -> callback.setValue(Callback.REQUEST_HEADERS));

        // add-header fails closed: its trapped request gets Envoy's 503, and the timeline shows
        // the trap where the callback would have run.
        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.exchange().response().status()).isEqualTo(503);
        assertThat(x.exchange().response().details()).isEqualTo("wasm_fail_stream");
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .anyMatch(
                        r -> r.kind() == TimelineRow.Kind.TRAP && "add-header".equals(r.filter()));
        // It is part of the scenario: saved with it, and the same spec the command line runs.
        assertThat(((WasmFilterSpec) fx.vm().buildScenario().filters().get(0)).inject())
                .isEqualTo(new FaultSpec(Callback.REQUEST_HEADERS, 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldStopAtABreakpointAndGoOnWithTheEditedHeaders(FxRobot robot) {
        fx.awaitRunning();
        robot.interact(
                () -> fx.vm().chain().selectedProperty().set(fx.vm().chain().items().get(1)));
        ChoiceBox<BreakAt> breakAt = robot.lookup("#break-at").queryAs(ChoiceBox.class);
        robot.interact(() -> breakAt.setValue(BreakAt.REQUEST_HEADERS));
        Node bar = robot.lookup("#debug-bar").query();
        assertThat(bar.isVisible()).isFalse();
        // The chain marks the filter that has a breakpoint.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(
                        robot.lookup("#chain-list .break-badge").<Node>queryAll().stream()
                                .filter(Node::isVisible)
                                .count())
                .isEqualTo(1);

        robot.clickOn("#send-button");
        WindowFixture.await("the pause", 30, bar::isVisible);
        assertThat(robot.lookup("#debug-where").queryAs(Label.class).getText())
                .startsWith("Paused before deny · request_headers")
                .contains("on worker-0");
        TextArea text = robot.lookup("#debug-text").queryAs(TextArea.class);
        assertThat(text.getText()).contains("x-user: alice\n");
        // The stream waits: nothing has come back yet.
        assertThat(fx.vm().exchangeLog().stats().total()).isZero();

        // alice becomes mallory just before deny looks, so deny denies her.
        robot.interact(
                () -> text.setText(text.getText().replace("x-user: alice", "x-user: mallory")));
        robot.clickOn("#debug-continue");
        WindowFixture.await("the response", 30, () -> fx.vm().exchangeLog().stats().total() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.vm().exchangeLog().latest().exchange().response().status()).isEqualTo(403);
        assertThat(bar.isVisible()).isFalse();

        // A bad line is said, and the stream keeps waiting; Continue all clears the breakpoint.
        robot.clickOn("#send-button");
        WindowFixture.await("the second pause", 30, bar::isVisible);
        robot.interact(() -> text.setText("no colon here"));
        robot.clickOn("#debug-continue");
        assertThat(robot.lookup("#debug-problem").queryAs(Label.class).getText())
                .isEqualTo("Line 1: write a header as name: value");
        robot.clickOn("#debug-continue-all");
        WindowFixture.await("the response", 30, () -> fx.vm().exchangeLog().stats().total() == 2);
        assertThat(breakAt.getValue()).isEqualTo(BreakAt.NONE);
    }

    @Test
    void shouldReorderByDragging(FxRobot robot) {
        fx.awaitRunning();
        robot.drag(chainCell(robot, "stats")).dropTo(chainCell(robot, "add-header"));
        WindowFixture.await("the new order", 10, () -> names().get(0).equals("stats"));
        assertThat(names())
                .containsExactly("stats", "add-header", "deny", "request-counter", "body-rewrite");
    }

    /**
     * A chain that does not start says why, and keeps saying it: the message names the guest's last
     * line and survives a Send, the failed filter is marked in the chain, and one click on it shows
     * the guest's output and the Wasm stack.
     */
    @Test
    void shouldKeepTheReasonAFilterDidNotStartInSight(FxRobot robot, @TempDir Path dir)
            throws Exception {
        fx.awaitRunning();
        // go_shaped's Go runtime cannot grow its 4 MiB heap arena under a 4-page cap.
        Path scenario = dir.resolve("go.yaml");
        Files.writeString(
                scenario,
                """
                maxMemoryPages: 4
                filters:
                  - {name: first, lua: "function envoy_on_request(h) end"}
                  - {name: go, wasm: "sample:testdata/go_shaped"}
                """);
        fx.answers.add(scenario);
        robot.clickOn("#open-button");
        WindowFixture.await(
                "the start failure",
                30,
                () -> message(robot).startsWith("The chain did not start: go: "));
        assertThat(message(robot))
                .contains("Trapped on unreachable instruction")
                .contains("the guest's last line: [error] fatal error: out of memory")
                .contains("select go in the chain");
        Label failed = robot.lookup("#failed-go").queryAs(Label.class);
        assertThat(failed.isVisible()).isTrue();
        assertThat(robot.lookup("#failed-first").queryAs(Label.class).isVisible()).isFalse();

        // Send cannot run, and says why instead of pointing at a message it replaced.
        robot.clickOn("#send-button");
        WindowFixture.await("the send refusal", 10, () -> message(robot).startsWith("Not sent: "));
        assertThat(message(robot))
                .startsWith("Not sent: the chain did not start: go: ")
                .contains("fatal error: out of memory");
        assertThat(failed.isVisible()).isTrue();

        // One click on the marked filter shows the whole reason.
        assertThat(fx.vm().chain().selectedProperty().get().toString()).isEqualTo("first");
        robot.clickOn(failed);
        WindowFixture.await(
                "the failed filter's panel",
                10,
                () -> "go".equals(String.valueOf(fx.vm().chain().selectedProperty().get())));
        Label reason = robot.lookup("#filter-engine-message").queryAs(Label.class);
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText())
                .contains("_initialize failed")
                .contains("The guest's last lines:")
                .contains("[error] runtime: out of memory: cannot allocate 4194304-byte block")
                .contains("[error] fatal error: out of memory")
                .contains("Wasm stack (innermost first):")
                .contains("runtime.throw");
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#message-text").queryAs(Label.class).getText();
    }

    private static Node chainCell(FxRobot robot, String name) {
        return robot.lookup("#chain-list .list-cell")
                .match(
                        (Node n) ->
                                n instanceof javafx.scene.control.ListCell<?> c
                                        && c.getItem() != null
                                        && c.getItem().toString().equals(name))
                .queryAs(Node.class);
    }

    private List<String> names() {
        return fx.vm().chain().items().stream().map(FilterItem::toString).toList();
    }
}
