package io.filterplayground.engine.error;

/** A failure the user can act on; the message is one plain sentence naming what failed. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
