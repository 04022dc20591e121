package io.filterplayground.app.workspace;

import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small builders the views share, so they read as layout and not as boilerplate. */
public final class Ui {
    private Ui() {}

    public static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    /**
     * A wrapped line that says what a panel's last action found ({@code inline-message}), bound to
     * {@code text} and taking no room while it is empty.
     */
    public static Label message(String id, ObservableValue<String> text, String... styleClasses) {
        Label l = label("", "inline-message");
        l.getStyleClass().addAll(styleClasses);
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A panel heading: small caps, muted. */
    public static Label title(String text) {
        return label(text, "panel-title");
    }

    public static Button button(String id, String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        if (tooltip != null) {
            b.setTooltip(new Tooltip(tooltip));
        }
        b.setOnAction(e -> action.run());
        return b;
    }

    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static HBox row(double spacing, Node... nodes) {
        HBox h = new HBox(spacing, nodes);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    public static <T extends Region> T pad(
            T region, double top, double right, double bottom, double left) {
        region.setPadding(new Insets(top, right, bottom, left));
        return region;
    }

    /** Grows a node in a VBox. */
    public static <T extends Node> T vgrow(T node) {
        javafx.scene.layout.VBox.setVgrow(node, Priority.ALWAYS);
        return node;
    }

    public static <T extends Node> T hgrow(T node) {
        HBox.setHgrow(node, Priority.ALWAYS);
        return node;
    }

    /**
     * Keeps a list's selection and a view model's selected item the same, both ways: a click
     * selects the item in the model; the model's choice is selected (and scrolled into view) in the
     * list, or the selection cleared when the model has none.
     */
    public static <T> void bindSelection(ListView<T> list, Property<T> selected) {
        list.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) {
                                selected.setValue(b);
                            }
                        });
        selected.addListener(
                (o, a, b) -> {
                    if (b == list.getSelectionModel().getSelectedItem()) {
                        return;
                    }
                    if (b == null) {
                        list.getSelectionModel().clearSelection();
                    } else {
                        list.getSelectionModel().select(b);
                        list.scrollTo(Math.max(0, list.getItems().indexOf(b) - 3));
                    }
                });
    }

    /**
     * Adds or removes a style class, touching the list (and so the node's CSS) only on a change.
     */
    public static void styleClass(Node n, String styleClass, boolean on) {
        if (on != n.getStyleClass().contains(styleClass)) {
            if (on) {
                n.getStyleClass().add(styleClass);
            } else {
                n.getStyleClass().remove(styleClass);
            }
        }
    }

    /** Replaces the tone classes of a node with one. */
    public static void tone(Node n, String prefix, String value) {
        n.getStyleClass().removeIf(c -> c.startsWith(prefix));
        if (value != null) {
            n.getStyleClass().add(prefix + value);
        }
    }
}
