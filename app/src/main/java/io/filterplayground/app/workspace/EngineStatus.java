package io.filterplayground.app.workspace;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the engine is doing now, as the status bar and the toolbar show it: starting, running, in a
 * burst, and the status line. Restarts and bursts write it; the views and the other parts read it.
 */
final class EngineStatus {
    private final StringProperty status = new SimpleStringProperty("Starting…");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty starting = new SimpleBooleanProperty(false);
    private final BooleanProperty bursting = new SimpleBooleanProperty(false);

    StringProperty statusProperty() {
        return status;
    }

    BooleanProperty runningProperty() {
        return running;
    }

    BooleanProperty startingProperty() {
        return starting;
    }

    BooleanProperty burstingProperty() {
        return bursting;
    }
}
