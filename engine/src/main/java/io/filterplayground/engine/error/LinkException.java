package io.filterplayground.engine.error;

/** A module imports something this host does not provide, or with another signature. */
public class LinkException extends EngineException {
    public LinkException(String message) {
        super(message);
    }
}
