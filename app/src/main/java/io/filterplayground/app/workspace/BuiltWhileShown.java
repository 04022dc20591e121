package io.filterplayground.app.workspace;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What a model builds only for its view (the timeline of the selected request, its header diff):
 * built at once while the view is shown, else once, for the latest value, when it is shown again.
 * The view keeps {@link #shownProperty} ({@link WhileShown#track}); without a view it is shown.
 */
public final class BuiltWhileShown<T> {
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private final Consumer<T> build;
    private T latest;
    private boolean stale;

    public BuiltWhileShown(Consumer<T> build) {
        this.build = build;
        shown.addListener((o, was, is) -> run());
    }

    /** Builds for {@code value} now, or when the view is shown again. */
    public void show(T value) {
        latest = value;
        stale = true;
        run();
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    private void run() {
        if (stale && shown.get()) {
            stale = false;
            build.accept(latest);
        }
    }
}
