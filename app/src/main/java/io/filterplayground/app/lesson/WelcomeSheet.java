package io.filterplayground.app.lesson;

import io.filterplayground.app.workspace.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The first run's welcome, over the demo: start lesson 1, explore the demo (it is already open), or
 * browse the lessons. Answered once; Learn in the toolbar leads to the lessons afterwards.
 */
final class WelcomeSheet extends Sheet {
    WelcomeSheet(LearnViewModel vm) {
        super("welcome-sheet");
        Label title = Ui.label("Welcome to Filter Playground", "sheet-title");
        Label text =
                wrapped(
                        "Run Envoy filters (Wasm, Lua and built-in) on an Envoy-faithful host and"
                                + " watch every callback, hostcall and header change. New to"
                                + " Envoy's extension points? The lessons walk you through them"
                                + " in this window, one checked step at a time.",
                        "welcome-text");
        Button lesson =
                Ui.button(
                        "welcome-lesson",
                        "Start lesson 1",
                        "The first lesson: a few minutes",
                        vm::welcomeStartLesson);
        lesson.getStyleClass().add("accent");
        Button demo =
                Ui.button(
                        "welcome-demo",
                        "Explore the demo",
                        "A chain of five Wasm filters, ready to send requests through",
                        vm::welcomeExploreDemo);
        Button browse =
                Ui.button("welcome-browse", "Browse lessons", "All the lessons", vm::welcomeBrowse);
        for (Button b : new Button[] {lesson, demo, browse}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        Label later = Ui.label("The lessons stay one click away: Learn, in the toolbar.", "muted");
        card(new VBox(12, title, text, lesson, demo, browse, later), 460, 22)
                .getStyleClass()
                .add("welcome");
    }
}
