package io.filterplayground.app.gui;

import io.filterplayground.app.PlaygroundApp;
import io.filterplayground.app.workspace.FileDialogs;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.app.workspace.WorkspaceViewModel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real playground window on a TestFX stage, with file dialogs that answer from a queue
 * (Monocle has no native dialogs), and waits for the engine.
 */
final class WindowFixture {
    final Deque<Path> answers = new ArrayDeque<>();
    PlaygroundApp.Opened opened;

    void open(Stage stage) {
        opened = PlaygroundApp.open(stage, null, dialogs());
        stage.show();
    }

    WorkspaceViewModel vm() {
        return opened.workspace();
    }

    void close() {
        if (opened != null) {
            opened.close();
        }
    }

    private FileDialogs dialogs() {
        return new FileDialogs() {
            @Override
            public Optional<Path> openScenario(Window owner) {
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<Path> saveScenario(Window owner, Path suggested) {
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<Path> openModule(Window owner) {
                return Optional.ofNullable(answers.poll());
            }
        };
    }

    /** Waits until the condition holds (checked on the FX thread). */
    static void await(String what, long seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(
                    seconds,
                    TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces()
                    .forEach(
                            (t, st) -> {
                                dump.append("\n\"")
                                        .append(t.getName())
                                        .append("\" ")
                                        .append(t.getState());
                                for (int i = 0; i < Math.min(st.length, 12); i++) {
                                    dump.append("\n    at ").append(st[i]);
                                }
                            });
            throw new AssertionError("timed out waiting for " + what + dump, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks Send and waits until the request is the {@code expectedTotal}-th and selected. */
    RecordedExchange send(FxRobot robot, long expectedTotal) {
        robot.clickOn("#send-button");
        await(
                "the response",
                30,
                () ->
                        vm().exchangeLog().stats().total() == expectedTotal
                                && vm().selectedProperty().get() != null
                                && vm().selectedProperty().get() == vm().exchangeLog().latest());
        WaitForAsyncUtils.waitForFxEvents();
        return vm().selectedProperty().get();
    }

    /** Selects tab {@code index} of the tab pane {@code tabs} (a CSS id such as #center-tabs). */
    static void select(FxRobot robot, String tabs, int index) {
        robot.interact(
                () -> robot.lookup(tabs).queryAs(TabPane.class).getSelectionModel().select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void awaitRunning() {
        await(
                "the chain to start",
                60,
                () -> vm().runningProperty().get() && !vm().startingProperty().get());
    }
}
