package io.filterplayground.engine.error;

/** A scenario file that cannot be used; the message names the file, the field and the problem. */
public class ScenarioException extends EngineException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
