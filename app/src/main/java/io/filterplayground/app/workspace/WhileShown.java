package io.filterplayground.app.workspace;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * The rows a view shows, following its model's list only while the view is shown. A table in a tab
 * that is not selected is hidden, not removed: each change to its items still costs a layout and
 * CSS pass of its rows (a burst changes metrics and shared data every second, and its end brings
 * thousands of log lines), so a hidden view catches up when it is shown instead.
 */
public final class WhileShown {
    private WhileShown() {}

    /**
     * A copy of {@code source} that follows it while {@code view} and its ancestors are visible.
     */
    public static <T> ObservableList<T> rows(Node view, ObservableList<T> source) {
        ObservableList<T> rows = FXCollections.observableArrayList(source);
        boolean[] stale = {false};
        Runnable catchUp =
                () -> {
                    if (stale[0] && shown(view)) {
                        stale[0] = false;
                        Lists.update(rows, source);
                    }
                };
        source.addListener(
                (ListChangeListener<T>)
                        c -> {
                            if (stale[0] || !shown(view)) {
                                stale[0] = true;
                                return;
                            }
                            // The same changes, so the table keeps its selection and scroll.
                            while (c.next()) {
                                if (c.wasPermutated()) {
                                    rows.setAll(source);
                                    return;
                                }
                                rows.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                                rows.addAll(c.getFrom(), c.getAddedSubList());
                            }
                        });
        // Once in a scene its ancestors are known: a tab shown makes its content visible.
        view.sceneProperty()
                .addListener(
                        (o, was, scene) -> {
                            if (scene != null) {
                                for (Node n = view; n != null; n = n.getParent()) {
                                    n.visibleProperty().addListener((v, a, b) -> catchUp.run());
                                }
                                stale[0] = true;
                                catchUp.run();
                            }
                        });
        return rows;
    }

    private static boolean shown(Node view) {
        if (view.getScene() == null) {
            return false;
        }
        for (Node n = view; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
