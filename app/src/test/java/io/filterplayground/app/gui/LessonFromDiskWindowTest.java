package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.ProgressStore;
import io.filterplayground.app.lesson.LearnViewModel;
import io.filterplayground.app.lesson.StepState;
import io.filterplayground.app.request.HistoryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A lesson a teacher wrote by hand, in a temporary folder, opened from disk with Learn ▸ Open
 * lesson… and done by a learner with the window's own controls: the hint comes after its delay,
 * each step points at its tab and panel, steps tick off as the engine meets them, the progress is
 * in the progress file, and Reset forgets it.
 */
@ExtendWith(ApplicationExtension.class)
class LessonFromDiskWindowTest {
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
    void shouldOpenAHandWrittenLessonFromDiskAndWalkItsSteps(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Files.writeString(
                dir.resolve("scenario.yaml"),
                """
                workers: 1
                clusters:
                  backend: {mock: {status: 200, body: "hi\\n"}}
                route: backend
                filters:
                  - name: gate
                    wasm: sample:deny
                    configuration: {header: x-user, values: [mallory], status: 403, body: "no\\n"}
                requests:
                  - {name: alice, path: /, headers: {x-user: alice}}
                  - {name: mallory, path: /, headers: {x-user: mallory}}
                """);
        Files.writeString(
                dir.resolve("lesson.md"),
                """
                ---
                title: The gate, by hand
                minutes: 2
                scenario: scenario.yaml
                ---
                # The gate, by hand

                The `gate` filter is the **deny** sample: it answers 403 itself for a user on
                its list.

                ```step
                goal: Send "alice" through the gate
                check:
                  - response: {request: alice, status: 200}
                hint: Load alice from the History tab and press Send.
                hintAfter: 1s
                show: {tab: history, panel: send}
                do:
                  - send: alice
                ```

                Now someone on the list.

                ```step
                goal: Send "mallory" and see the gate answer by itself
                check:
                  - response: {request: mallory, status: 403, localReply: true}
                  - hostcall: {name: proxy_send_local_response, filter: gate}
                show: {tab: logs, panel: logs}
                do:
                  - send: mallory
                ```
                """);
        fx.awaitRunning();
        LearnViewModel learn = fx.opened.learn();

        fx.answers.add(dir.resolve("lesson.md"));
        robot.clickOn("#learn-button");
        robot.clickOn("Open lesson…");
        WindowFixture.await(
                "the lesson from disk", 60, () -> learn.lesson().currentProperty().get() != null);
        fx.awaitRunning();
        Lesson lesson = learn.lesson().lessonProperty().get();
        robot.interact(learn.lesson()::reset);
        WindowFixture.await(
                "the lesson, reset", 60, () -> learn.lesson().currentProperty().get() != null);
        fx.awaitRunning();
        assertThat(robot.lookup("#lesson-title").queryAs(Label.class).getText())
                .isEqualTo("The gate, by hand");
        assertThat(robot.lookup("#lesson-pane .md-bold").queryAll()).isNotEmpty();
        StepState first = learn.lesson().steps().get(0);
        StepState second = learn.lesson().steps().get(1);

        // Step 1 points at the History tab and outlines Send; its hint comes after a second.
        assertThat(first.metProperty().get()).isFalse();
        assertThat(selected(robot, "#request-tabs")).isEqualTo("history-tab");
        assertThat(robot.lookup("#send-button").query().getStyleClass())
                .contains("lesson-highlight");
        Node hint = robot.lookup("#step-hint-1").query();
        WindowFixture.await("the hint", 10, hint::isVisible);

        // The learner loads alice from the history and presses Send.
        load(robot, "alice");
        robot.clickOn("#send-button");
        WindowFixture.await("step 1 ticked", 30, () -> first.metProperty().get());
        assertThat(second.currentProperty().get()).isTrue();
        assertThat(second.metProperty().get()).isFalse();
        // Step 2 points at the Logs tab and outlines its panel.
        WindowFixture.await(
                "the logs tab", 10, () -> selected(robot, "#center-tabs").equals("logs-tab"));
        TabPane center = robot.lookup("#center-tabs").queryAs(TabPane.class);
        assertThat(center.getSelectionModel().getSelectedItem().getContent().getStyleClass())
                .contains("lesson-highlight");
        assertThat(robot.lookup("#send-button").query().getStyleClass())
                .doesNotContain("lesson-highlight");

        load(robot, "mallory");
        robot.clickOn("#send-button");
        WindowFixture.await(
                "the lesson complete", 30, () -> learn.lesson().completeProperty().get());
        assertThat(robot.lookup("#lesson-count").queryAs(Label.class).getText()).startsWith("Done");
        assertThat(fx.vm().messageProperty().get().text()).contains("Lesson complete");

        // Kept in the progress file beside the history, as the next run of the app reads it.
        ProgressStore onDisk = new ProgressStore(ProgressStore.inUserHome().file());
        assertThat(onDisk.load(lesson.id())).containsExactly("1", "2");
        robot.interact(learn::showBrowser);
        assertThat(robot.lookup("#lesson-meta-disk-1").queryAs(Label.class).getText())
                .contains("done");
        robot.interact(learn::hideBrowser);

        // Reset forgets it and starts the lesson over.
        robot.clickOn("#lesson-reset");
        WindowFixture.await(
                "the reset lesson",
                60,
                () ->
                        learn.lesson().currentProperty().get() != null
                                && learn.lesson().metCountProperty().get() == 0);
        assertThat(onDisk.load(lesson.id())).isEmpty();
    }

    private static String selected(FxRobot robot, String tabs) {
        return robot.lookup(tabs)
                .queryAs(TabPane.class)
                .getSelectionModel()
                .getSelectedItem()
                .getId();
    }

    /** Selects the scenario's request in the History tab and loads it into the composer. */
    private static void load(FxRobot robot, String name) {
        robot.clickOn("#history-tab");
        ListView<HistoryEntry> list = robot.lookup("#history-list").queryListView();
        HistoryEntry e =
                list.getItems().stream()
                        .filter(h -> h.kind() == HistoryEntry.Kind.SAVED && h.name().equals(name))
                        .findFirst()
                        .orElseThrow();
        robot.interact(() -> list.getSelectionModel().select(e));
        robot.clickOn("#history-load-button");
    }
}
