package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.workspace.Ui;
import java.util.HashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lesson beside the playground: its title and progress, its text with each step in place
 * (ticked when met, the current one open), and Reset, All lessons and Close.
 */
final class LessonPane extends VBox {
    private final LearnViewModel learn;
    private final LessonViewModel vm;
    private final VBox content = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(content);
    private final Label number = Ui.label("", "badge", "lesson-badge");
    private final Label minutes = Ui.label("", "muted");
    private final Label title = Ui.label("", "lesson-title");
    private final Map<StepState, StepCard> cards = new HashMap<>();

    LessonPane(LearnViewModel learn) {
        super(6);
        this.learn = learn;
        this.vm = learn.lesson();
        setId("lesson-pane");
        getStyleClass().add("lesson-pane");
        setMinWidth(260);
        setPrefWidth(330);

        Button lessons =
                Ui.button("lesson-all", "All lessons", "Browse the lessons", learn::showBrowser);
        Button close =
                Ui.button(
                        "lesson-close",
                        "✕",
                        "Leave the lesson (the playground stays)",
                        learn::closeLesson);
        lessons.getStyleClass().add("small");
        close.getStyleClass().addAll("small", "flat");
        HBox top = Ui.row(6, number, minutes, Ui.spacer(), lessons, close);
        title.setId("lesson-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);

        ProgressBar bar = new ProgressBar();
        bar.setId("lesson-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty()
                .bind(
                        Bindings.createDoubleBinding(
                                () ->
                                        vm.steps().isEmpty()
                                                ? 0
                                                : vm.metCountProperty().get()
                                                        / (double) vm.steps().size(),
                                vm.metCountProperty(),
                                vm.steps()));
        Label count = Ui.label("", "muted", "lesson-count");
        count.setId("lesson-count");
        count.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.completeProperty().get()
                                                ? "Done: all " + vm.steps().size() + " steps ✓"
                                                : vm.metCountProperty().get()
                                                        + " of "
                                                        + vm.steps().size()
                                                        + " steps",
                                vm.metCountProperty(),
                                vm.completeProperty(),
                                vm.steps()));
        HBox progress = Ui.row(8, Ui.hgrow(bar), count);

        content.getStyleClass().add("lesson-content");
        Ui.pad(content, 4, 10, 12, 4);
        scroll.setId("lesson-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Ui.vgrow(scroll);

        Button reset =
                Ui.button(
                        "lesson-reset",
                        "Reset lesson",
                        "Forget this lesson's progress and start it again",
                        vm::reset);
        Button demo =
                Ui.button(
                        "lesson-demo",
                        "Back to the demo",
                        "Leave the lesson and open the built-in demo",
                        learn::backToDemo);
        reset.getStyleClass().add("small");
        demo.getStyleClass().add("small");
        HBox bottom = Ui.row(6, reset, Ui.spacer(), demo);

        VBox header = new VBox(6, top, title, progress);
        header.getStyleClass().add("lesson-header");
        Ui.pad(header, 10, 12, 10, 12);
        Ui.pad(bottom, 6, 12, 8, 12);
        bottom.getStyleClass().add("lesson-footer");
        getChildren().addAll(header, scroll, bottom);

        vm.lessonProperty().addListener((o, a, l) -> show(l));
        // A step met brings the next into view; a lesson opening starts at its top.
        vm.currentProperty()
                .addListener(
                        (o, a, s) -> {
                            if (a != null) {
                                scrollTo(s);
                            }
                        });
        show(vm.lessonProperty().get());
    }

    private void show(Lesson l) {
        content.getChildren().clear();
        cards.clear();
        if (l == null) {
            return;
        }
        number.setText(l.number() > 0 ? "LESSON " + l.number() : "YOUR LESSON");
        minutes.setText(l.minutes() > 0 ? "about " + l.minutes() + " min" : "");
        title.setText(l.title());
        int step = 0;
        for (Lesson.Section s : l.sections()) {
            String text = s.markdown();
            // The lesson's own title heading repeats the pane's title.
            if (content.getChildren().isEmpty()) {
                text =
                        text.replaceFirst(
                                "\\A\\s*#\\s+"
                                        + java.util.regex.Pattern.quote(l.title())
                                        + "\\s*\\n",
                                "");
            }
            if (!text.isBlank()) {
                content.getChildren().add(new MarkdownView(text, l::file));
            }
            if (s.step() != null && step < vm.steps().size()) {
                StepState st = vm.steps().get(step++);
                StepCard card = new StepCard(st, vm);
                cards.put(st, card);
                content.getChildren().add(card);
            }
        }
        StepState now = vm.currentProperty().get();
        if (now != null && now.step().number() > 1) {
            scrollTo(now);
        } else {
            scroll.setVvalue(0);
        }
    }

    /** Brings the current step into view, a little text above it still showing. */
    private void scrollTo(StepState s) {
        Node card = s == null ? null : cards.get(s);
        if (card == null) {
            return;
        }
        Platform.runLater(
                () -> {
                    double h = content.getHeight() - scroll.getViewportBounds().getHeight();
                    if (h > 0) {
                        double y = Math.max(0, card.getBoundsInParent().getMinY() - 60);
                        scroll.setVvalue(Math.min(1, y / h));
                    }
                });
    }
}
