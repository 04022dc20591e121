package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.Lesson;

/** A lesson in the browser: how many of its steps the learner has met. */
public record LessonCard(Lesson lesson, int met, boolean fromDisk) {
    public int total() {
        return lesson.steps().size();
    }

    public boolean done() {
        return total() > 0 && met >= total();
    }

    public boolean started() {
        return met > 0;
    }

    /** {@code 2 of 3 steps}, {@code done}, {@code not started}. */
    public String progress() {
        if (done()) {
            return "done";
        }
        return met == 0 ? total() + " steps" : met + " of " + total() + " steps";
    }
}
