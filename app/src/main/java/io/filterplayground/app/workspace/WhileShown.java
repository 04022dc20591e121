package io.filterplayground.app.workspace;

import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * Views that follow their models only while they are shown. A view in a tab that is not selected is
 * hidden, not removed: each change to its rows or nodes still costs a layout and CSS pass (a burst
 * changes metrics and shared data every second, and its end brings thousands of log lines and a new
 * timeline), so a hidden view catches up when it is shown instead.
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
                                if (c.getFrom() == 0 && c.getRemovedSize() == rows.size()) {
                                    rows.setAll(c.getAddedSubList()); // a new list: one change
                                } else {
                                    rows.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                                    rows.addAll(c.getFrom(), c.getAddedSubList());
                                }
                            }
                        });
        onShown(
                view,
                () -> {
                    stale[0] = true;
                    catchUp.run();
                },
                catchUp);
        return rows;
    }

    /**
     * {@code update} as a task to run when the view's model changed: at once while {@code view} is
     * shown, else once, when it is shown again.
     */
    public static Runnable update(Node view, Runnable update) {
        BuiltWhileShown<Void> built = new BuiltWhileShown<>(nothing -> update.run());
        track(view, built.shownProperty());
        return () -> built.show(null);
    }

    /**
     * Keeps {@code shown} telling whether {@code view} is in a scene with it and its ancestors
     * visible, for a model that builds what only this view shows.
     */
    public static void track(Node view, BooleanProperty shown) {
        Runnable check = () -> shown.set(shown(view));
        check.run();
        onShown(view, check, check);
    }

    /**
     * {@code inScene} once the view is in a scene, {@code visible} when it or an ancestor shows.
     */
    private static void onShown(Node view, Runnable inScene, Runnable visible) {
        // Once in a scene its ancestors are known: a tab shown makes its content visible.
        view.sceneProperty()
                .addListener(
                        (o, was, scene) -> {
                            if (scene != null) {
                                for (Node n = view; n != null; n = n.getParent()) {
                                    n.visibleProperty().addListener((v, a, b) -> visible.run());
                                }
                                inScene.run();
                            }
                        });
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
