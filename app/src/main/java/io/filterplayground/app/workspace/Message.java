package io.filterplayground.app.workspace;

/** A line for the message bar: what happened, in plain words, and how serious it is. */
public record Message(Kind kind, String text) {
    public enum Kind {
        INFO,
        SUCCESS,
        WARNING,
        ERROR
    }

    public static final Message NONE = new Message(Kind.INFO, "");

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
