package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.editor.CodeEditor;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.timeline.Tone;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Lua and built-in filters in the real window, headless: added from "+ Add", edited in their
 * editors, run by the real engine, shown in the timeline and the VM map.
 */
@ExtendWith(ApplicationExtension.class)
class ThreeStylesWindowTest {
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
    void shouldAddALuaFilterEditItsScriptAndSeeItsHeader(FxRobot robot) {
        fx.awaitRunning();
        FilterItem lua = addFromMenu(robot, "#add-lua-script", "lua");
        assertThat(lua.toString()).isEqualTo("lua");
        assertThat(robot.lookup("#filter-detail .label").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().startsWith("Lua filter"));

        // Type over the template in the script editor.
        CodeEditor script = robot.lookup("#script-editor").queryAs(CodeEditor.class);
        robot.interact(
                () ->
                        script.area()
                                .replaceText(
                                        """
                                        function envoy_on_request(handle)
                                          handle:headers():add("x-from-lua", "typed in the window")
                                        end

                                        function envoy_on_response(handle)
                                          handle:headers():add("x-lua-saw", handle:headers():get(":status"))
                                          handle:logInfo("lua saw the response")
                                        end
                                        """));
        assertThat(lua.configTextProperty().get()).contains("x-from-lua");

        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.exchange().upstreamRequest().headers().first("x-from-lua"))
                .contains("typed in the window");
        assertThat(x.exchange().response().headers().first("x-lua-saw")).contains("200");
        TableView<Header> headers = robot.lookup("#response-headers").queryTableView();
        assertThat(headers.getItems()).contains(new Header("x-lua-saw", "200"));

        // The timeline has a lane for lua, with its two handlers in it, green.
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        List<TimelineRow> luaRows =
                timeline.getItems().stream()
                        .filter(r -> r.kind() == TimelineRow.Kind.CALLBACK)
                        .filter(r -> "lua".equals(r.filter()))
                        .toList();
        assertThat(luaRows)
                .extracting(TimelineRow::title)
                .containsExactly("on_request", "on_response");
        assertThat(luaRows).allMatch(r -> r.tone() == Tone.CONTINUE && r.lane() == 1);
        assertThat(robot.lookup("#lane-lua .style-lua").queryAll()).hasSize(1);

        // Selecting on_response lists its handle calls and its log line.
        robot.interact(() -> fx.vm().timeline().selectedProperty().set(luaRows.get(1)));
        assertThat(robot.lookup("#hostcall-table").queryTableView().getItems().toString())
                .contains("headers:add")
                .contains("x-lua-saw");
        assertThat(robot.lookup("#hostcall-title").queryAs(Label.class).getText())
                .startsWith("Lua API calls");
        assertThat(robot.lookup("#callback-logs").queryListView().getItems().toString())
                .contains("lua saw the response");

        // Workers & VMs: one Lua state per worker; the one that served the request is outlined.
        WindowFixture.select(robot, "#center-tabs", 2);
        WindowFixture.await(
                "the Lua states",
                20,
                () -> robot.lookup(".vm-card.lua-state").queryAll().size() == 2);
        assertThat(robot.lookup(".vm-card.lua-state.served").queryAll()).hasSize(1);
    }

    @Test
    void shouldRefuseTheSecondRequestWithALocalRateLimit(FxRobot robot) {
        fx.awaitRunning();
        FilterItem limit = addFromMenu(robot, "#add-native-local-rate-limit", "native");
        assertThat(robot.lookup("#native-kind-field").queryTextInputControl().getText())
                .isEqualTo("local-rate-limit");
        assertThat(robot.lookup("#native-kind-field").queryTextInputControl().isEditable())
                .isFalse();
        CodeEditor config = robot.lookup("#config-editor").queryAs(CodeEditor.class);
        assertThat(config.getText()).contains("max_tokens: 3");
        robot.interact(
                () ->
                        config.area()
                                .replaceText(
                                        "token_bucket:\n  max_tokens: 1\n  tokens_per_fill: 1\n"
                                                + "  fill_interval: 1s\nper_worker: false\n"));
        assertThat(((NativeFilterSpec) limit.toSpec()).config()).containsEntry("per_worker", false);

        assertThat(fx.send(robot, 1).exchange().response().status()).isEqualTo(200);
        RecordedExchange refused = fx.send(robot, 2);
        assertThat(refused.exchange().response().status()).isEqualTo(429);
        assertThat(refused.exchange().response().localReply()).isTrue();
        assertThat(robot.lookup("#response-status").queryAs(Label.class).getText())
                .isEqualTo("429");
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .anyMatch(
                        r ->
                                "local-rate-limit".equals(r.filter())
                                        && r.title().equals("decodeHeaders")
                                        && r.tone() == Tone.LOCAL_REPLY);
        assertThat(robot.lookup("#lane-local-rate-limit .style-native").queryAll()).hasSize(1);
    }

    @Test
    void shouldShowALuaSyntaxErrorWithItsLineAndKeepTheScript(FxRobot robot) {
        fx.awaitRunning();
        FilterItem lua = addFromMenu(robot, "#add-lua-script", "lua");
        String broken = "function envoy_on_request(handle)\n  handle:logInfo('no end'\nend\n";
        CodeEditor script = robot.lookup("#script-editor").queryAs(CodeEditor.class);
        robot.interact(() -> script.area().replaceText(broken));
        WindowFixture.await(
                "the start failure",
                30,
                () -> !fx.vm().runningProperty().get() && !fx.vm().startingProperty().get());
        assertThat(robot.lookup("#message-text").queryAs(Label.class).getText())
                .startsWith("The chain did not start: lua: Lua syntax error at line 3");
        Label inline = robot.lookup("#filter-engine-message").queryAs(Label.class);
        assertThat(inline.isVisible()).isTrue();
        assertThat(inline.getText()).contains("line 3");
        assertThat(script.area().getParagraph(2).getParagraphStyle()).contains("error-line");
        // Nothing typed is lost.
        assertThat(script.getText()).isEqualTo(broken);
        assertThat(lua.configTextProperty().get()).isEqualTo(broken);

        robot.interact(() -> script.area().replaceText(broken.replace("'no end'", "'no end')")));
        fx.awaitRunning();
        assertThat(inline.isVisible()).isFalse();
        assertThat(fx.send(robot, 1).exchange().response().status()).isEqualTo(200);
    }

    /** Opens "+ Add", clicks the entry (by its id), and waits for the chain to restart with it. */
    private FilterItem addFromMenu(FxRobot robot, String entry, String style) {
        int before = fx.vm().chain().items().size();
        robot.clickOn("#add-filter-button");
        robot.clickOn(entry);
        WindowFixture.await(
                "the new filter", 10, () -> fx.vm().chain().items().size() == before + 1);
        FilterItem added = fx.vm().chain().selectedProperty().get();
        assertThat(added.style()).isEqualTo(style);
        fx.awaitRunning();
        return added;
    }
}
