package io.filterplayground.app.workspace;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The message bar's one line: what just happened, in plain words, and how serious it is. */
public final class Messages {
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);

    public void info(String text) {
        message.set(new Message(Message.Kind.INFO, text));
    }

    public void success(String text) {
        message.set(new Message(Message.Kind.SUCCESS, text));
    }

    public void warning(String text) {
        message.set(new Message(Message.Kind.WARNING, text));
    }

    public void error(String text) {
        message.set(new Message(Message.Kind.ERROR, text));
    }

    public void clear() {
        message.set(Message.NONE);
    }

    public ObjectProperty<Message> messageProperty() {
        return message;
    }
}
