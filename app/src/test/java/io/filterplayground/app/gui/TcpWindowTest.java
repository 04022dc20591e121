package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.TestScenarios;
import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.diff.StageDiff;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.engine.trace.StageEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A tcp scenario in the real window, headless, on the real engine: the connection composer, what
 * each side received, the timeline's connection lanes, the byte diff, a breakpoint before a network
 * filter's data with the bytes edited, and the access loggers' section.
 */
@ExtendWith(ApplicationExtension.class)
class TcpWindowTest {
    private final WindowFixture fx = new WindowFixture();
    @TempDir Path dir;

    @Start
    void start(Stage stage) {
        fx.open(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void openTcp() throws Exception {
        Path file = TestScenarios.write(dir, "tcp-filters");
        fx.awaitRunning();
        fx.vm().open(file).get(60, TimeUnit.SECONDS);
        fx.awaitRunning();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void shouldSendAComposedConnectionAndShowBothSidesLanesAndBytes(FxRobot robot)
            throws Exception {
        openTcp();
        TabPane composers = robot.lookup("#request-tabs").queryAs(TabPane.class);
        assertThat(composers.getTabs().get(0).getId()).isEqualTo("connection-tab");
        assertThat(composers.getSelectionModel().getSelectedItem().getId())
                .isEqualTo("connection-tab");
        assertThat(robot.lookup("#burst-button").queryButton().isDisabled()).isTrue();

        // A second chunk, typed, that ends the client's stream.
        robot.clickOn("#add-send-step");
        robot.clickOn("#step-data-2").write("bye");
        robot.clickOn("#step-end-2");
        RecordedExchange x = fx.send(robot, 1);

        assertThat(x.isConnection()).isTrue();
        assertThat(text(x.connection().upstreamReceived())).isEqualTo("> ping\r\n> bye");
        assertThat(x.connection().closedBy()).isEqualTo("upstream");
        assertThat(robot.lookup("#response-status").queryAs(Label.class).getText())
                .isEqualTo("closed");
        assertThat(robot.lookup("#received-bytes").queryAs(TextArea.class).getText())
                .isEqualTo("> PING\\r\n> BYE");
        robot.clickOn("#response-hex");
        assertThat(robot.lookup("#received-bytes").queryAs(TextArea.class).getText())
                .startsWith("0000  3e 20 50 49 4e 47 0d 0a");
        assertThat(robot.lookup("#stats-label").queryAs(Label.class).getText())
                .startsWith("1 connection(s) · closed by upstream ×1");

        // The timeline: one lane per network filter, data callbacks with their sizes.
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        assertThat(timeline.getItems())
                .filteredOn(r -> r.title().equals("upstream_data"))
                .extracting(TimelineRow::filter, TimelineRow::lane, TimelineRow::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("upper", 1, "8 B"),
                        org.assertj.core.groups.Tuple.tuple("tag", 0, "8 B"),
                        org.assertj.core.groups.Tuple.tuple("upper", 1, "5 B · eos"),
                        org.assertj.core.groups.Tuple.tuple("tag", 0, "5 B · eos"));
        assertThat(robot.lookup(".chip-summary").queryAll()).isNotEmpty();
        assertThat(timeline.getItems()).anyMatch(r -> r.title().equals("connection in"));

        // The byte diff: upper changed the upstream's bytes on their way back.
        Tab diffTab = robot.lookup("#center-tabs").queryAs(TabPane.class).getTabs().get(1);
        assertThat(diffTab.getText()).isEqualTo("Byte diff");
        WindowFixture.select(robot, "#center-tabs", 1);
        ListView<StageDiff> stages = robot.lookup("#stage-list").queryListView();
        StageDiff upper =
                stages.getItems().stream()
                        .filter(
                                s ->
                                        s.stage() == StageEvent.Stage.UPSTREAM_DATA
                                                && s.filter().equals("upper"))
                        .findFirst()
                        .orElseThrow();
        robot.interact(() -> stages.getSelectionModel().select(upper));
        assertThat(robot.lookup("#body-before").queryAs(TextArea.class).getText())
                .isEqualTo("> ping\\r\n");
        assertThat(robot.lookup("#body-after").queryAs(TextArea.class).getText())
                .isEqualTo("> PING\\r\n");
        robot.clickOn("#diff-hex");
        assertThat(robot.lookup("#body-after").queryAs(TextArea.class).getText())
                .startsWith("0000  3e 20 50 49 4e 47 0d 0a");
    }

    @Test
    void shouldBreakBeforeDownstreamDataAndSendTheEditedBytes(FxRobot robot) throws Exception {
        openTcp();
        // Refused on a network chain, with the reason.
        robot.clickOn("#add-filter-button");
        robot.clickOn("#add-lua-script");
        assertThat(robot.lookup("#chain-message").queryAs(Label.class).getText())
                .startsWith("Not added: a Lua script is an HTTP filter");
        assertThat(fx.vm().chain().items()).hasSize(2);

        robot.interact(
                () -> fx.vm().chain().selectedProperty().set(fx.vm().chain().items().get(0)));
        @SuppressWarnings("unchecked")
        ChoiceBox<BreakAt> breakAt = robot.lookup("#break-at").queryAs(ChoiceBox.class);
        assertThat(breakAt.getItems())
                .containsExactly(
                        BreakAt.NONE,
                        BreakAt.EVERY_STAGE,
                        BreakAt.DOWNSTREAM_DATA,
                        BreakAt.UPSTREAM_DATA);
        robot.interact(() -> breakAt.setValue(BreakAt.DOWNSTREAM_DATA));

        robot.clickOn("#send-button");
        Node bar = robot.lookup("#debug-bar").query();
        WindowFixture.await("the pause", 30, bar::isVisible);
        assertThat(robot.lookup("#debug-where").queryAs(Label.class).getText())
                .startsWith("Paused before tag · downstream_data  —  connection");
        TextArea bytes = robot.lookup("#debug-text").queryAs(TextArea.class);
        assertThat(bytes.getText()).isEqualTo("ping\\r\n");
        // Ticked on the FX thread rather than clicked: on a loaded machine the robot's click
        // sometimes landed before the bar's layout settled and missed the box.
        CheckBox hex = robot.lookup("#debug-hex").queryAs(CheckBox.class);
        robot.interact(() -> hex.setSelected(true));
        WindowFixture.await("the hex view", 10, () -> bytes.getText().equals("70 69 6e 67 0d 0a"));
        robot.interact(() -> bytes.setText("50 4f 4e 47 0a"));
        robot.clickOn("#debug-continue");

        WindowFixture.await(
                "the connection",
                30,
                () -> fx.vm().exchangeLog().stats().total() == 1 && !bar.isVisible());
        RecordedExchange x = fx.vm().exchangeLog().latest();
        assertThat(text(x.connection().upstreamReceived())).isEqualTo("> PONG\n");
    }

    @Test
    void shouldOfferBothComposersWhenAnHttpScenarioAddsATcpListener(FxRobot robot)
            throws Exception {
        Path file = TestScenarios.write(dir, "two-listeners");
        fx.awaitRunning();
        fx.vm().open(file).get(60, TimeUnit.SECONDS);
        fx.awaitRunning();
        TabPane composers = robot.lookup("#request-tabs").queryAs(TabPane.class);
        assertThat(composers.getTabs().subList(0, 2))
                .extracting(Tab::getId)
                .containsExactly("request-tab", "connection-tab");
        assertThat(robot.lookup("#tcp-listener-section").query().isVisible()).isTrue();
        assertThat(robot.lookup("#tcp-chain-list").queryListView().getItems()).hasSize(1);
        assertThat(robot.lookup("#center-tabs").queryAs(TabPane.class).getTabs().get(1).getText())
                .isEqualTo("Stage diff");

        assertThat(fx.send(robot, 1).isConnection()).isFalse();
        robot.clickOn("#connection-tab");
        assertThat(fx.vm().composingConnectionProperty().get()).isTrue();
        assertThat(robot.lookup("#burst-button").queryButton().isDisabled()).isTrue();
        RecordedExchange c = fx.send(robot, 2);
        assertThat(c.isConnection()).isTrue();
        assertThat(fx.vm().timeline().lanes()).containsExactly("upper", "access-log");
    }

    @Test
    void shouldAddAnAccessLoggerAndShowItsOnLogInTheTimeline(FxRobot robot) {
        fx.awaitRunning();
        robot.clickOn("#add-logger-button");
        robot.clickOn("#add-logger-access_log");
        WindowFixture.await("the logger", 10, () -> fx.vm().chain().loggers().items().size() == 1);
        assertThat(robot.lookup("#filter-detail .label").queryAllAs(Label.class))
                .anyMatch(
                        l -> l.getText().startsWith("Access logger · sample:testdata/access_log"));
        fx.awaitRunning();

        RecordedExchange x = fx.send(robot, 1);
        assertThat(x.chain()).endsWith("access_log");
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        int lane = fx.vm().timeline().lanes().indexOf("access_log");
        assertThat(lane).isEqualTo(5);
        List<TimelineRow> logs =
                timeline.getItems().stream().filter(r -> r.lane() == lane).toList();
        assertThat(logs).extracting(TimelineRow::title).containsExactly("log");
        assertThat(robot.lookup("#lane-access_log .style-logger").queryAll()).hasSize(1);
        WindowFixture.await(
                "the logger's line",
                10,
                () ->
                        fx.vm().logs().lines().stream()
                                .anyMatch(l -> l.message().startsWith("access: GET /")));

        // Switched off, it logs no more.
        robot.clickOn("#logger-enabled-access_log");
        fx.awaitRunning();
        RecordedExchange y = fx.send(robot, 2);
        assertThat(y.chain()).doesNotContain("access_log");
        WaitForAsyncUtils.waitForFxEvents();
    }
}
