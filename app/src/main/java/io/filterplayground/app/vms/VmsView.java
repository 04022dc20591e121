package io.filterplayground.app.vms;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.filter.VmView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Workers and VMs: one column per thread (the main thread with its singleton services first), each
 * Wasm VM a card with module, vm_id, root contexts, requests served, memory and state, each Lua
 * state a card with a Lua badge. Those that ran the selected request are outlined.
 */
public final class VmsView extends VBox {
    private final VmsViewModel vm;
    private final HBox map = new HBox(10);

    /**
     * What the cards show apart from their counts and outlines (threads, VMs, states), as of the
     * last build: while it stays the same only the counts and outlines change, in place. A new card
     * costs its CSS and layout, and a burst refreshes this view every second.
     */
    private List<Object> shape = List.of();

    /** The labels with counts, by thread ("thread:" + name) and VM ("served:"/"memory:" + id). */
    private final Map<String, Label> counts = new HashMap<>();

    /** The cards by VM id. */
    private final Map<String, VBox> cards = new HashMap<>();

    public VmsView(VmsViewModel vm) {
        this.vm = vm;
        setId("vms-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        map.setId("vm-map");
        Label summary = Ui.label("", "muted");
        summary.setId("vm-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Label legend =
                Ui.label(
                        "Outlined: the VMs and Lua states that ran the selected request. Each worker has its own Wasm VM per module and configuration, and its own Lua state per Lua filter; a singleton service runs on main. Built-in filters need neither.",
                        "muted",
                        "wrap");
        legend.setWrapText(true);
        map.setFillHeight(false);
        ScrollPane scroll = new ScrollPane(map);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        getChildren().addAll(Ui.row(8, summary), legend, Ui.vgrow(scroll));
        vm.threads().addListener((ListChangeListener<VmsViewModel.ThreadGroup>) c -> refresh());
        vm.highlightedProperty().addListener((o, a, b) -> refresh());
    }

    private void refresh() {
        Set<String> served = vm.highlightedProperty().get();
        List<Object> now = shape(vm.threads());
        if (!now.equals(shape)) {
            shape = now;
            rebuild();
        }
        for (VmsViewModel.ThreadGroup g : vm.threads()) {
            setCount("thread:" + g.thread(), role(g));
            for (VmView v : g.vms()) {
                setCount("served:" + v.id(), served(v));
                setCount("memory:" + v.id(), memory(v));
            }
        }
        cards.forEach((id, card) -> Ui.styleClass(card, "served", served.contains(id)));
    }

    /** The threads and their VMs without the counts. */
    private static List<Object> shape(List<VmsViewModel.ThreadGroup> groups) {
        List<Object> s = new ArrayList<>();
        for (VmsViewModel.ThreadGroup g : groups) {
            s.add(g.thread());
            for (VmView v : g.vms()) {
                s.add(
                        new VmView(
                                v.id(),
                                v.kind(),
                                v.thread(),
                                v.module(),
                                v.vmId(),
                                v.state(),
                                v.roots(),
                                0,
                                0,
                                v.failure()));
            }
        }
        return s;
    }

    private void setCount(String key, String text) {
        Label l = counts.get(key);
        if (l != null) {
            l.setText(text); // no change event, no layout, when the text is the same
        }
    }

    private Label count(String key, String text, String... styleClasses) {
        Label l = Ui.label(text, styleClasses);
        counts.put(key, l);
        return l;
    }

    private static String role(VmsViewModel.ThreadGroup g) {
        return g.isMain()
                ? "main thread · singleton services"
                : String.format(Locale.ROOT, "%,d request(s) this session", g.requests());
    }

    private static String served(VmView v) {
        return String.format(Locale.ROOT, "%,d request(s) served", v.streamsServed());
    }

    private static String memory(VmView v) {
        return v.memoryPages()
                + " memory page(s) = "
                + io.filterplayground.app.modules.ModuleEntry.size(v.memoryPages() * 65536L);
    }

    private void rebuild() {
        map.getChildren().clear();
        counts.clear();
        cards.clear();
        for (VmsViewModel.ThreadGroup g : vm.threads()) {
            VBox column = new VBox(6);
            HBox.setHgrow(column, javafx.scene.layout.Priority.ALWAYS);
            column.getStyleClass().add("thread-card");
            if (g.isMain()) {
                column.getStyleClass().add("thread-main");
            }
            column.setId("thread-" + g.thread());
            Label name = Ui.label(g.thread(), "thread-name");
            Label role = count("thread:" + g.thread(), role(g), "muted");
            column.getChildren().addAll(name, role);
            if (g.vms().isEmpty()) {
                column.getChildren().add(Ui.label("no VMs", "muted"));
            }
            for (VmView v : g.vms()) {
                column.getChildren().add(card(v));
            }
            map.getChildren().add(column);
        }
    }

    private VBox card(VmView v) {
        boolean lua = VmsViewModel.isLua(v);
        Label id = Ui.label(v.id(), "vm-id");
        id.setMinWidth(0);
        Label state = Ui.label(v.state(), "badge", VmsViewModel.stateClass(v));
        state.setMinWidth(Label.USE_PREF_SIZE);
        HBox top = Ui.row(6, id, Ui.spacer(), state);
        if (lua) {
            Label style = Ui.label("Lua", "badge", "style-lua");
            style.setMinWidth(Label.USE_PREF_SIZE);
            top.getChildren().add(0, style);
        }
        Label module =
                Ui.label(
                        lua
                                ? "Lua state · " + v.module()
                                : v.module() + (v.vmId().isEmpty() ? "" : " · vm_id " + v.vmId()),
                        "vm-line");
        VBox card = new VBox(2, top, module);
        if (lua) {
            card.getStyleClass().add("lua-state");
            card.getChildren()
                    .add(Ui.label("globals live per worker, like a VM", "vm-line", "muted"));
        }
        for (VmView.RootView r : v.roots()) {
            card.getChildren()
                    .add(
                            Ui.label(
                                    "root "
                                            + r.plugin()
                                            + (r.rootId().isEmpty() ? "" : " (" + r.rootId() + ")")
                                            + " · ctx "
                                            + r.contextId()
                                            + (r.tickPeriodMillis() > 0
                                                    ? " · tick " + r.tickPeriodMillis() + " ms"
                                                    : ""),
                                    "vm-line",
                                    "muted"));
        }
        card.getChildren().add(count("served:" + v.id(), served(v), "vm-line"));
        if (!lua) {
            card.getChildren().add(count("memory:" + v.id(), memory(v), "vm-line", "muted"));
        }
        if (v.failure() != null && !v.failure().isEmpty()) {
            Label f = Ui.label(v.failure(), "vm-failure");
            f.setWrapText(true);
            card.getChildren().add(f);
        }
        card.getStyleClass().add("vm-card");
        card.setUserData(v.id());
        cards.put(v.id(), card);
        return card;
    }
}
