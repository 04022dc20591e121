package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.lesson.FirstRun;
import io.filterplayground.app.lesson.LearnViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The first run's welcome over the demo: it offers lesson 1, the demo or the lessons, and is
 * answered once; the first run is told by the window's home folder.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeWindowTest {
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
    void shouldTellTheFirstRunFromTheHomeFolder(@TempDir Path home) throws Exception {
        FirstRun first = new FirstRun(home.resolve("fresh"));
        assertThat(first.isFirst()).isTrue();
        first.welcomed();
        assertThat(first.isFirst()).isFalse();
        assertThat(new FirstRun(home.resolve("fresh")).isFirst()).isFalse();

        // Someone who used the window before (it has a history) is not welcomed again.
        Path used = Files.createDirectories(home.resolve("used"));
        Files.writeString(used.resolve("history.json"), "{\"sent\": []}");
        assertThat(new FirstRun(used).isFirst()).isFalse();
    }

    @Test
    void shouldOfferLessonOneOrTheDemoOnTheFirstRun(FxRobot robot) {
        fx.awaitRunning();
        LearnViewModel learn = fx.opened.learn();
        robot.interact(() -> learn.welcomingProperty().set(true));
        assertThat(robot.lookup("#welcome-sheet").queryAll()).hasSize(1);

        // The demo is one click away: the welcome goes, the demo's chain stays.
        robot.clickOn("#welcome-demo");
        assertThat(robot.lookup("#welcome-sheet").queryAll()).isEmpty();
        assertThat(fx.vm().chain().items()).hasSize(5);

        // Lesson 1 from the welcome opens beside the playground on its own scenario.
        robot.interact(() -> learn.welcomingProperty().set(true));
        robot.clickOn("#welcome-lesson");
        WindowFixture.await("lesson 1", 60, () -> learn.lesson().lessonProperty().get() != null);
        assertThat(learn.lesson().lessonProperty().get().number()).isEqualTo(1);
        assertThat(robot.lookup("#lesson-pane").queryAll()).hasSize(1);
        fx.awaitRunning();
        assertThat(fx.vm().chain().items())
                .extracting(i -> i.nameProperty().get())
                .contains("wasm-add-header");

        // Back to the demo leaves the lesson; the pane goes.
        robot.clickOn("#lesson-demo");
        WindowFixture.await("the demo", 60, () -> learn.lesson().lessonProperty().get() == null);
        assertThat(robot.lookup("#lesson-pane").queryAll()).isEmpty();
        fx.awaitRunning();
        assertThat(fx.vm().chain().items()).hasSize(5);
    }
}
