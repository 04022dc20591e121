package io.filterplayground.app.lesson;

import io.filterplayground.app.workspace.Ui;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lessons browser, over the playground: every lesson with its length and progress, to start,
 * continue or reset; Open lesson… reads a teacher's lesson from disk.
 */
final class LessonsBrowser extends Sheet {
    private final LearnViewModel vm;
    private final VBox list = new VBox(8);

    LessonsBrowser(LearnViewModel vm, Runnable openFromDisk) {
        super("lessons-browser");
        this.vm = vm;

        Label title = Ui.label("Lessons", "sheet-title");
        Label sub =
                wrapped(
                        "Short guided tours of Envoy's extension points, done in this window:"
                                + " each step is checked from what the engine really does.",
                        "muted");
        Button open =
                Ui.button(
                        "lessons-open-file",
                        "Open lesson…",
                        "Open a lesson.md written by a teacher",
                        openFromDisk);
        Button close = Ui.button("lessons-close", "✕", "Close", vm::hideBrowser);
        close.getStyleClass().add("flat");
        HBox head = Ui.row(8, title, Ui.spacer(), open, close);

        list.setId("lessons-list");
        Ui.pad(list, 2, 4, 4, 2);
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Ui.vgrow(scroll);

        // As tall as the lessons, up to a window's worth; the list scrolls beyond.
        scroll.setMaxHeight(470);
        card(new VBox(10, head, sub, scroll), 720, 16);
        // A click beside the sheet closes it.
        setOnMouseClicked(
                e -> {
                    if (e.getTarget() == this) {
                        vm.hideBrowser();
                    }
                });

        vm.cards().addListener((ListChangeListener<LessonCard>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        list.getChildren().clear();
        int disk = 0;
        for (LessonCard c : vm.cards()) {
            list.getChildren()
                    .add(row(c, c.fromDisk() ? "disk-" + ++disk : "" + c.lesson().number()));
        }
    }

    /** {@code key} names the row's nodes: the lesson's number, or disk-1 for a lesson from disk. */
    private HBox row(LessonCard c, String key) {
        Label num =
                Ui.label(
                        c.done() ? "✓" : c.fromDisk() ? "✎" : Integer.toString(c.lesson().number()),
                        "lesson-number",
                        c.done() ? "lesson-number-done" : "lesson-number-open");
        num.setMinWidth(Region.USE_PREF_SIZE);
        Label name = wrapped(c.lesson().title(), "lesson-card-title");
        String meta =
                (c.lesson().minutes() > 0 ? "about " + c.lesson().minutes() + " min · " : "")
                        + c.progress()
                        + (c.fromDisk() ? " · from " + c.lesson().source().describe() : "");
        Label details = wrapped(meta, "muted", "lesson-card-meta");
        details.setId("lesson-meta-" + key);
        VBox text = new VBox(2, name, details);
        Button start =
                Ui.button(
                        "lesson-start-" + key,
                        c.done() ? "Review" : c.started() ? "Continue" : "Start",
                        null,
                        () -> vm.start(c.lesson()));
        if (!c.started()) {
            start.getStyleClass().add("accent");
        }
        HBox row = Ui.row(12, num, Ui.hgrow(text));
        if (c.started()) {
            Button reset =
                    Ui.button(
                            "lesson-reset-" + key,
                            "Reset",
                            "Forget this lesson's progress",
                            () -> vm.reset(c.lesson()));
            reset.getStyleClass().add("flat");
            row.getChildren().add(reset);
        }
        row.getChildren().add(start);
        row.setId("lesson-card-" + key);
        row.getStyleClass().add("lesson-card");
        Ui.pad(row, 10, 12, 10, 12);
        return row;
    }
}
