package io.filterplayground.app.chain;

import io.filterplayground.app.modules.ModuleLibraryViewModel;
import io.filterplayground.engine.error.FilterStartException;
import java.util.List;

/**
 * An engine start failure shown on the filter or access logger it concerns: the engine's message,
 * then the guest's last lines and the Wasm stack when it has them.
 */
final class StartFailures {
    private StartFailures() {}

    /** Marks the item {@code failure} is about, among {@code items}; returns it, or null. */
    static FilterItem mark(List<FilterItem> items, Throwable failure) {
        FilterStartException e = of(failure);
        String text = ModuleLibraryViewModel.plain(failure);
        if (e != null && !e.details().isEmpty()) {
            text = text + "\n" + String.join("\n", e.details());
        }
        return mark(items, e == null ? null : e.filter(), text);
    }

    /**
     * Marks the item named {@code filter}, or (null) the one the message names ({@code name: ...}
     * or {@code name (native kind): ...}, as the engine words them), the longest name winning.
     */
    static FilterItem mark(List<FilterItem> items, String filter, String message) {
        clear(items);
        if (message == null) {
            return null;
        }
        FilterItem best = null;
        for (FilterItem i : items) {
            String n = i.nameProperty().get() == null ? "" : i.nameProperty().get().trim();
            boolean named =
                    filter != null
                            ? n.equals(filter)
                            : message.startsWith(n + ": ") || message.startsWith(n + " (");
            if (!n.isEmpty()
                    && named
                    && (best == null || n.length() > best.nameProperty().get().trim().length())) {
                best = i;
            }
        }
        if (best != null) {
            best.engineProblemProperty().set(message);
        }
        return best;
    }

    static void clear(List<FilterItem> items) {
        items.forEach(i -> i.engineProblemProperty().set(""));
    }

    /** The engine's start failure behind {@code t} (a future's wrapping removed), or null. */
    static FilterStartException of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FilterStartException e) {
                return e;
            }
        }
        return null;
    }
}
