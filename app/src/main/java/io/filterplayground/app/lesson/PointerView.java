package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.Pointer;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Shows the learner where to look: selects the step's tab and outlines its panel (a tab's content,
 * the response, a toolbar control, a field of the selected filter) until the next step.
 */
final class PointerView {
    /** Panels that are not a tab's content, by the id of the node that shows them. */
    private static final Map<String, String> NODES =
            Map.ofEntries(
                    Map.entry("chain", "#chain-view"),
                    Map.entry("response", "#response-view"),
                    Map.entry("access-loggers", "#access-loggers"),
                    Map.entry("send", "#send-button"),
                    Map.entry("burst", "#burst-button"),
                    Map.entry("advance", "#advance-button"),
                    Map.entry("workers", "#workers-spinner"),
                    Map.entry("clock", "#clock-choice"),
                    Map.entry("filter-detail", "#filter-detail"),
                    Map.entry("root-id", "#root-id-field"),
                    Map.entry("vm-id", "#vm-id-field"),
                    Map.entry("configuration", "#config-box"),
                    Map.entry("vm-configuration", "#vm-config-box"),
                    Map.entry("failure-policy", "#failure-policy"),
                    Map.entry("trap-at", "#fault-callback"),
                    Map.entry("break-at", "#break-at"),
                    Map.entry("debugger", "#debug-bar"));

    static final String HIGHLIGHT = "lesson-highlight";

    private final Parent root;
    private final List<TabPane> tabs;
    private Node highlighted;

    PointerView(Parent root, List<TabPane> tabs) {
        this.root = root;
        this.tabs = tabs;
    }

    void show(Pointer p) {
        clear();
        if (p == null) {
            return;
        }
        if (p.tab() != null) {
            Tab t = tab(p.tab());
            if (t != null) {
                t.getTabPane().getSelectionModel().select(t);
            }
        }
        if (p.panel() != null) {
            Node n = panel(p.panel());
            if (n != null) {
                n.getStyleClass().add(HIGHLIGHT);
                highlighted = n;
            }
        }
    }

    void clear() {
        if (highlighted != null) {
            highlighted.getStyleClass().remove(HIGHLIGHT);
            highlighted = null;
        }
    }

    private Tab tab(String name) {
        for (TabPane pane : tabs) {
            for (Tab t : pane.getTabs()) {
                if ((name + "-tab").equals(t.getId())) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The panel's node; a tab's panel is its content, and its tab comes to the front. */
    private Node panel(String name) {
        String id = NODES.get(name);
        if (id != null) {
            Node n = root.lookup(id);
            if (n != null) {
                return n;
            }
        }
        Tab t = tab(name);
        if (t != null) {
            t.getTabPane().getSelectionModel().select(t);
            return t.getContent();
        }
        return null;
    }
}
