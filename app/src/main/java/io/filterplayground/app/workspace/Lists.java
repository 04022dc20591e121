package io.filterplayground.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableList;

/** Changes to the observable lists that views show, kept to what really changed. */
public final class Lists {
    private Lists() {}

    /**
     * Makes {@code list} equal to {@code next}, replacing only the items that differ when the size
     * is the same. {@code setAll} would tell a table that every row changed: it refills and
     * restyles all its cells, even hidden in a tab that is not showing (during a burst the
     * snapshots come every second and most rows stay the same).
     */
    public static <T> void update(ObservableList<T> list, List<? extends T> next) {
        if (list.size() != next.size()) {
            list.setAll(next);
            return;
        }
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            if (!Objects.equals(list.get(i), next.get(i))) {
                changed.add(i);
            }
        }
        if (changed.size() > 1 + next.size() / 4) {
            list.setAll(next); // one change rather than many (the rows moved, say)
            return;
        }
        for (int i : changed) {
            list.set(i, next.get(i));
        }
    }
}
