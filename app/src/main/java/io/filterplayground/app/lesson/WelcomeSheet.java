package io.filterplayground.app.lesson;

import io.filterplayground.app.workspace.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The first run's welcome, over the demo: start lesson 1, explore the demo (it is already open), or
 * browse the lessons. Answered once; Learn in the toolbar leads to the lessons afterwards.
 */
final class WelcomeSheet extends StackPane {
    WelcomeSheet(LearnViewModel vm) {
        setId("welcome-sheet");
        getStyleClass().add("sheet-backdrop");
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        Label title = Ui.label("Welcome to Filter Playground", "sheet-title");
        Label text =
                Ui.label(
                        "Run Envoy filters (Wasm, Lua and built-in) on an Envoy-faithful host and"
                                + " watch every callback, hostcall and header change. New to"
                                + " Envoy's extension points? The lessons walk you through them"
                                + " in this window, one checked step at a time.",
                        "welcome-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
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
        VBox card = new VBox(12, title, text, lesson, demo, browse, later);
        card.getStyleClass().addAll("sheet", "welcome");
        card.setMaxSize(460, Region.USE_PREF_SIZE);
        Ui.pad(card, 22, 24, 20, 24);
        StackPane.setAlignment(card, Pos.CENTER);
        getChildren().add(card);
    }
}
