package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.LessonChecker;
import io.filterplayground.app.learn.Step;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One step of the lesson in the window: met (ticked), the current one (where the learner is), its
 * hint due, and each of its goals as the checker sees it now.
 */
public final class StepState {
    private final Step step;
    private final BooleanProperty met = new SimpleBooleanProperty();
    private final BooleanProperty current = new SimpleBooleanProperty();
    private final BooleanProperty hintShown = new SimpleBooleanProperty();
    private final ObjectProperty<List<LessonChecker.GoalState>> goals =
            new SimpleObjectProperty<>(List.of());

    StepState(Step step) {
        this.step = step;
    }

    public Step step() {
        return step;
    }

    public BooleanProperty metProperty() {
        return met;
    }

    public BooleanProperty currentProperty() {
        return current;
    }

    /** The hint shows: it came due, or the learner asked for it. */
    public BooleanProperty hintShownProperty() {
        return hintShown;
    }

    public ObjectProperty<List<LessonChecker.GoalState>> goalsProperty() {
        return goals;
    }

    @Override
    public String toString() {
        return step.number() + ". " + step.goal() + (met.get() ? " ✓" : "");
    }
}
