package io.filterplayground.app.learn;

import io.filterplayground.engine.error.EngineException;

/** A lesson that cannot be used: one plain line naming the file, the place and the problem. */
public final class LessonException extends EngineException {
    public LessonException(String message) {
        super(message);
    }
}
