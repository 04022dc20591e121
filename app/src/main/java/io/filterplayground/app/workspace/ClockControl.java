package io.filterplayground.app.workspace;

import io.filterplayground.engine.scenario.Durations;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The virtual clock: moves it by what the toolbar says (due ticks and delayed replies fire) and
 * keeps how far it has moved since the engine started.
 */
final class ClockControl {
    private final StringProperty advanceBy = new SimpleStringProperty("1s");
    private final LongProperty virtualMillis = new SimpleLongProperty(0);
    private final EngineAccess engine;

    ClockControl(EngineAccess engine) {
        this.engine = engine;
    }

    /** Moves the virtual clock by {@link #advanceByProperty()}. */
    CompletableFuture<Void> advance() {
        Messages messages = engine.messages();
        String text = advanceBy.get();
        OptionalLong parsed = Durations.millis(text);
        if (parsed.isEmpty()) {
            messages.error("Advance: '" + text + "' is not a duration (e.g. 250ms, 1s, 2m)");
            return CompletableFuture.completedFuture(null);
        }
        long ms = parsed.getAsLong();
        return engine.afterEdits()
                .thenCompose(v -> engine.session().advance(ms))
                .handleAsync(
                        (v, err) -> {
                            if (err != null) {
                                messages.error("Could not advance the clock: " + engine.why(err));
                            } else {
                                virtualMillis.set(virtualMillis.get() + ms);
                                engine.exchanges().refresh();
                                messages.info(
                                        "Virtual clock moved by "
                                                + Durations.display(ms)
                                                + " (now +"
                                                + Durations.display(virtualMillis.get())
                                                + "): due timers fired on their own threads.");
                                engine.monitor().refreshSnapshot();
                            }
                            return null;
                        },
                        engine.ui());
    }

    /** The clock was moved by {@code ms} some other way (a connection's advance steps). */
    void moved(long ms) {
        virtualMillis.set(virtualMillis.get() + ms);
    }

    /** A new engine starts at zero. */
    void restarted() {
        virtualMillis.set(0);
    }

    StringProperty advanceByProperty() {
        return advanceBy;
    }

    LongProperty virtualMillisProperty() {
        return virtualMillis;
    }
}
