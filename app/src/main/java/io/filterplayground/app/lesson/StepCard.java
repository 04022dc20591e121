package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.Action;
import io.filterplayground.app.learn.LessonChecker;
import io.filterplayground.app.workspace.Ui;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One step in the lesson's text: ticked when met; the current one open, with what is checked (each
 * goal ticked as it happens), the hint once it is due, and Show me, Do it for me and Hint.
 */
final class StepCard extends VBox {
    private final StepState state;
    private final LessonViewModel vm;
    private final Label mark = new Label();
    private final VBox goals = new VBox(2);
    private final Label hint;
    private final HBox buttons;

    StepCard(StepState state, LessonViewModel vm) {
        super(6);
        this.state = state;
        this.vm = vm;
        int n = state.step().number();
        setId("step-card-" + n);
        getStyleClass().add("step-card");
        mark.getStyleClass().add("step-mark");
        mark.setMinWidth(Region.USE_PREF_SIZE);
        Label goal = Ui.label(state.step().goal(), "step-goal");
        goal.setWrapText(true);
        goal.setMinHeight(Region.USE_PREF_SIZE);
        goal.setId("step-goal-" + n);
        HBox head = Ui.row(8, mark, Ui.hgrow(goal));
        head.setAlignment(javafx.geometry.Pos.TOP_LEFT);

        goals.getStyleClass().add("step-goals");
        hint = Ui.label("Hint: " + state.step().hint(), "step-hint");
        hint.setId("step-hint-" + n);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.visibleProperty().bind(state.hintShownProperty().and(state.currentProperty()));
        hint.managedProperty().bind(hint.visibleProperty());

        Button show =
                Ui.button(
                        "step-show-" + n,
                        "Show me",
                        "Point the window at this step",
                        vm::pointAtCurrent);
        Button doIt =
                Ui.button(
                        "step-do-" + n,
                        "Do it for me",
                        doTooltip(state.step().actions()),
                        vm::doCurrentStep);
        doIt.disableProperty().bind(vm.doingProperty());
        doIt.setVisible(!state.step().actions().isEmpty());
        doIt.setManaged(doIt.isVisible());
        Button hintB =
                Ui.button("step-hint-button-" + n, "Hint", "Show the hint now", vm::showHint);
        hintB.setVisible(!state.step().hint().isEmpty());
        hintB.setManaged(hintB.isVisible());
        hintB.disableProperty().bind(state.hintShownProperty());
        for (Button b : new Button[] {show, doIt, hintB}) {
            b.getStyleClass().add("small");
        }
        buttons = Ui.row(6, show, doIt, hintB);

        getChildren().addAll(head, goals, hint, buttons);
        state.metProperty().addListener((o, a, b) -> update());
        state.currentProperty().addListener((o, a, b) -> update());
        state.goalsProperty().addListener((o, a, b) -> update());
        update();
    }

    private static String doTooltip(List<Action> actions) {
        return "The playground will "
                + actions.stream().map(Action::describe).collect(Collectors.joining(", then "));
    }

    private void update() {
        boolean met = state.metProperty().get();
        boolean current = state.currentProperty().get();
        getStyleClass().removeAll("step-met", "step-current", "step-future");
        getStyleClass().add(met ? "step-met" : current ? "step-current" : "step-future");
        mark.setText(met ? "✓" : Integer.toString(state.step().number()));
        goals.getChildren().clear();
        if (current) {
            for (LessonChecker.GoalState g : state.goalsProperty().get()) {
                Label l =
                        Ui.label(
                                (g.met() ? "✓ " : "○ ") + g.goal().describe(),
                                "step-check",
                                g.met() ? "step-check-met" : "step-check-open");
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                goals.getChildren().add(l);
            }
        }
        goals.setVisible(current);
        goals.setManaged(current);
        buttons.setVisible(current);
        buttons.setManaged(current);
    }
}
