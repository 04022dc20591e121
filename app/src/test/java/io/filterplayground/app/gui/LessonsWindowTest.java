package io.filterplayground.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonCatalog;
import io.filterplayground.app.learn.LessonChecker;
import io.filterplayground.app.learn.Step;
import io.filterplayground.app.lesson.LearnViewModel;
import io.filterplayground.app.lesson.StepState;
import io.filterplayground.engine.proxy.Machine;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A scripted learner does every built-in lesson in the real window: opens it from the lessons
 * browser, and for each step checks it is not met yet, presses the step's "Do it for me" (which
 * works the window's own controls: History and Send, Advance, the chain's fields, the worker
 * count), and waits until the engine's events tick it off. New lessons are covered as they are
 * added: the test walks every lesson the catalog has.
 */
@ExtendWith(ApplicationExtension.class)
class LessonsWindowTest {
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
    void shouldCompleteEveryStepOfEveryLessonInTheWindow(FxRobot robot) {
        fx.awaitRunning();
        // The interpreter starts a VM without compiling it first: every lesson restarts the
        // engine several times, and none depends on the machine.
        robot.interact(() -> fx.vm().machineProperty().set(Machine.INTERPRETER));
        fx.awaitRunning();
        LearnViewModel learn = fx.opened.learn();
        List<Lesson> lessons = LessonCatalog.builtIn();
        assertThat(lessons).hasSizeGreaterThanOrEqualTo(1);

        // The browser is one click away from the toolbar, and lists every lesson.
        robot.clickOn("#learn-button");
        robot.clickOn("Lessons…");
        WindowFixture.await("the lessons browser", 10, () -> learn.browsingProperty().get());
        assertThat(robot.lookup(".lesson-card").queryAll()).hasSize(lessons.size());

        // -Dlessons=5,6 plays only those (for a lesson's author).
        String only = System.getProperty("lessons", "");
        for (Lesson lesson : lessons) {
            if (only.isEmpty() || List.of(only.split(",")).contains("" + lesson.number())) {
                play(robot, learn, lesson);
            }
        }
    }

    private void play(FxRobot robot, LearnViewModel learn, Lesson lesson) {
        String name = "lesson " + lesson.number() + " (" + lesson.title() + ")";
        // Progress from an earlier run of the suite is forgotten first.
        robot.interact(() -> learn.reset(lesson));
        robot.interact(learn::showBrowser);
        Button start = robot.lookup("#lesson-start-" + lesson.number()).queryAs(Button.class);
        if (lesson.number() == 1) {
            robot.clickOn(start);
        } else {
            // Later lessons may be below the browser's fold.
            robot.interact(start::fire);
        }
        WindowFixture.await(
                name + " to open",
                60,
                () ->
                        learn.lesson().lessonProperty().get() != null
                                && learn.lesson().lessonProperty().get().id().equals(lesson.id())
                                && learn.lesson().currentProperty().get() != null);
        fx.awaitRunning();
        assertThat(robot.lookup("#lesson-title").queryAs(Label.class).getText())
                .isEqualTo(lesson.title());
        LessonChecker checker = learn.lesson().checker();

        for (StepState state : List.copyOf(learn.lesson().steps())) {
            Step step = state.step();
            String where = name + " step " + step.number() + " (" + step.goal() + ")";
            // Before the learner acts, the step is open: its goals have not all happened.
            assertThat(checker.isMet(step)).as(where + " met before its actions").isFalse();
            assertThat(learn.lesson().currentProperty().get()).as(where).isSameAs(state);
            WindowFixture.await(
                    where + ": the previous step's actions to settle",
                    60,
                    () -> !learn.lesson().doingProperty().get());
            Button doIt = robot.lookup("#step-do-" + step.number()).queryAs(Button.class);
            assertThat(doIt.isVisible()).as(where + " has actions").isTrue();
            robot.interact(doIt::fire);
            try {
                WindowFixture.await(where + " to be met", 90, () -> checker.isMet(step));
            } catch (AssertionError e) {
                throw new AssertionError(where + " not met; its goals: " + checker.goals(step));
            }
            WindowFixture.await(where + " ticked", 10, () -> state.metProperty().get());
            Node card = robot.lookup("#step-card-" + step.number()).query();
            assertThat(card.getStyleClass()).as(where).contains("step-met");
        }
        WindowFixture.await(name + " complete", 10, () -> learn.lesson().completeProperty().get());
        assertThat(robot.lookup("#lesson-count").queryAs(Label.class).getText()).startsWith("Done");
        WindowFixture.await(
                "the last actions of " + name + " to settle",
                60,
                () -> !learn.lesson().doingProperty().get());
    }
}
