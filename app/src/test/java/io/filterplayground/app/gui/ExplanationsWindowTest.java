package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.timeline.HostcallRow;
import io.filterplayground.app.timeline.TimelineRow;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The inline explanations in the real window: hovering a timeline callback shows what it is and
 * when Envoy calls it; selecting it, or one of its hostcalls, shows the explanation beside the
 * hostcalls, with the result's meaning and the engine's hint.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationsWindowTest {
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
    void shouldExplainTheHoveredAndTheSelectedTimelineRow(FxRobot robot) {
        fx.awaitRunning();
        fx.send(robot, 1);
        ListView<TimelineRow> timeline = robot.lookup("#timeline-list").queryListView();
        TimelineRow denyHeaders =
                timeline.getItems().stream()
                        .filter(r -> "deny".equals(r.filter()))
                        .filter(r -> r.title().equals("request_headers"))
                        .findFirst()
                        .orElseThrow();
        robot.interact(() -> timeline.scrollTo(timeline.getItems().indexOf(denyHeaders)));
        Node cell =
                robot.lookup(".list-cell")
                        .match((Node n) -> n instanceof ListCell<?> c && c.getItem() == denyHeaders)
                        .queryAs(Node.class);
        Node chip = robot.from(cell).lookup(".chip").queryAs(Node.class);

        // Hover: the chip's tooltip says what the callback is and when Envoy calls it.
        robot.moveTo(chip);
        WindowFixture.await("the chip's tooltip", 10, () -> tooltipText().isPresent());
        assertThat(tooltipText().orElseThrow())
                .contains("proxy_on_request_headers")
                .contains("The request headers reached this filter")
                .contains("When: Once per request")
                .contains("Common mistake:");

        // Select: the explanation pane beside the hostcalls explains the callback and its result.
        robot.clickOn(chip);
        WindowFixture.await(
                "the callback's explanation",
                10,
                () ->
                        label("#explanation-name")
                                .map(l -> l.getText().equals("proxy_on_request_headers"))
                                .orElse(false));
        String pane = paneText(robot);
        assertThat(pane)
                .contains("callback")
                .contains("WHEN")
                .contains("Once per request, in chain order")
                .contains("COMMON MISTAKE")
                .contains("source/extensions/common/wasm/context.cc, Context::decodeHeaders");
        assertThat(robot.lookup("#explanation-outcome").queryAll()).hasSize(1);
        assertThat(pane).contains("Result " + denyHeaders.action());

        // Select a hostcall: its explanation, and what its status means, take the pane.
        TableView<HostcallRow> hostcalls = robot.lookup("#hostcall-table").queryTableView();
        HostcallRow get = hostcalls.getItems().get(0);
        assertThat(get.name()).isEqualTo("proxy_get_header_map_value");
        robot.interact(() -> hostcalls.getSelectionModel().select(0));
        WindowFixture.await(
                "the hostcall's explanation",
                10,
                () ->
                        label("#explanation-name")
                                .map(l -> l.getText().equals("proxy_get_header_map_value"))
                                .orElse(false));
        assertThat(paneText(robot))
                .contains("Reads one header's value by name")
                .contains("Result " + get.result())
                .contains("The hostcall did what was asked");
        assertThat(robot.lookup(".table-row-cell").queryAll().stream())
                .anyMatch(
                        n ->
                                n instanceof javafx.scene.control.TableRow<?> r
                                        && r.getItem() == get
                                        && r.getTooltip() != null
                                        && r.getTooltip().getText().contains("Reads one header"));
    }

    private static Optional<String> tooltipText() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof Tooltip t && t.isShowing())
                .map(w -> ((Tooltip) w).getText())
                .findFirst();
    }

    private static Optional<Label> label(String id) {
        return Window.getWindows().stream()
                .filter(Window::isShowing)
                .map(w -> w.getScene().lookup(id))
                .filter(n -> n instanceof Label)
                .map(n -> (Label) n)
                .findFirst();
    }

    private static String paneText(FxRobot robot) {
        StringBuilder s = new StringBuilder();
        robot.from(robot.lookup("#explanation-pane").queryAs(Node.class))
                .lookup(".label")
                .queryAllAs(Label.class)
                .forEach(l -> s.append(l.getText()).append('\n'));
        return s.toString();
    }
}
