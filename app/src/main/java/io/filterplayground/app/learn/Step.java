package io.filterplayground.app.learn;

import java.util.List;

/**
 * One thing the learner does in a lesson, checked from what the engine reports.
 *
 * @param id the step's key in the progress file: its {@code id:}, or its number in the lesson
 * @param number 1 for the lesson's first step
 * @param goal what to do, one sentence ("Send a request as mallory")
 * @param goals what must have happened, all of them, for the step to be met
 * @param hint a nudge shown when the step takes a while ("" when none)
 * @param hintAfterMillis how long after the step became current the hint is due
 * @param show where the window looks for this step
 * @param actions how to do it: what the learner is asked to do, and what the headless twin does
 */
public record Step(
        String id,
        int number,
        String goal,
        List<Goal> goals,
        String hint,
        long hintAfterMillis,
        Pointer show,
        List<Action> actions) {

    /** Hints come after a minute unless the step says otherwise. */
    public static final long DEFAULT_HINT_AFTER_MILLIS = 60_000;

    public Step {
        goals = List.copyOf(goals);
        actions = List.copyOf(actions);
        hint = hint == null ? "" : hint;
        show = show == null ? Pointer.NONE : show;
    }
}
