package io.filterplayground.app.chain;

import io.filterplayground.app.modules.FilterTemplates;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.modules.ModuleLibraryViewModel;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The ordered filter chain: add a Wasm module from the library, a Lua script or a built-in filter;
 * remove, enable or disable, move; and the {@link AccessLoggersViewModel access loggers} below it.
 * A TCP listener's chain is a network filter chain: Wasm filters only. Every change (order or a
 * field of any filter or logger) is announced through {@code onChange}, which the workspace turns
 * into a restart of the playground.
 */
public final class ChainViewModel {
    private final ObservableList<FilterItem> items =
            FXCollections.observableArrayList(FilterItem::observables);
    private final ObjectProperty<FilterItem> selected = new SimpleObjectProperty<>();
    private final AccessLoggersViewModel loggers = new AccessLoggersViewModel(this::uniqueName);
    private final ObjectProperty<FilterItem> editing = new SimpleObjectProperty<>();
    private final BooleanProperty network = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private Runnable onChange = () -> {};
    private boolean loading;

    public ChainViewModel() {
        items.addListener(
                (ListChangeListener<FilterItem>)
                        c -> {
                            if (!loading) {
                                onChange.run();
                            }
                        });
        // One settings panel: the filter or the logger picked last.
        selected.addListener((o, a, b) -> picked(b, loggers.selectedProperty()));
        loggers.selectedProperty().addListener((o, a, b) -> picked(b, selected));
        network.addListener((o, a, b) -> message.set(""));
    }

    private void picked(FilterItem item, ObjectProperty<FilterItem> other) {
        if (item != null) {
            other.set(null);
        }
        editing.set(item != null ? item : other.get());
    }

    public void setOnChange(Runnable r) {
        onChange = r;
        loggers.setOnChange(r);
    }

    /** The access loggers below the chain. */
    public AccessLoggersViewModel loggers() {
        return loggers;
    }

    /** The filter or access logger whose settings are shown. */
    public ObjectProperty<FilterItem> editingProperty() {
        return editing;
    }

    /** True for a TCP listener's network filter chain: Wasm filters only. */
    public BooleanProperty networkProperty() {
        return network;
    }

    /** Why the last add was refused, or "". */
    public StringProperty messageProperty() {
        return message;
    }

    public void load(List<FilterSpec> specs) {
        loading = true;
        try {
            items.setAll(specs.stream().map(FilterItem::new).toList());
        } finally {
            loading = false;
        }
        selected.set(items.isEmpty() ? null : items.get(0));
    }

    public ObservableList<FilterItem> items() {
        return items;
    }

    public ObjectProperty<FilterItem> selectedProperty() {
        return selected;
    }

    /**
     * Adds a filter for a library entry after the selected one (or at the end): a Wasm module with
     * its sample defaults, or the library's Lua and built-in entries.
     */
    public FilterItem add(ModuleEntry module) {
        if (module.origin() == ModuleEntry.Origin.BUILTIN) {
            return addNative(module.nativeKind());
        }
        if (module.origin() == ModuleEntry.Origin.LUA) {
            return addLua();
        }
        var d = module.defaults();
        WasmFilterSpec spec =
                WasmFilterSpec.of(
                        uniqueName(module.name()), module.source(), d.rootId(), d.configuration());
        spec = spec.withPlugin(spec.plugin().withVmId(d.vmId()));
        return insert(spec);
    }

    /** Adds a Lua filter with the template script (a header in, a log line both ways). */
    public FilterItem addLua() {
        if (refusedOnNetwork("a Lua script")) {
            return null;
        }
        return insert(
                LuaFilterSpec.of(
                        uniqueName("lua"),
                        FilterTemplates.LUA_SCRIPT,
                        Map.of("metadata", FilterTemplates.LUA_METADATA)));
    }

    /** Adds a built-in filter of {@code kind} with a config that starts cleanly. */
    public FilterItem addNative(String kind) {
        if (refusedOnNetwork("the built-in " + kind + " filter")) {
            return null;
        }
        return insert(
                NativeFilterSpec.of(uniqueName(kind), kind, FilterTemplates.nativeConfig(kind)));
    }

    /**
     * A TCP listener's chain takes Wasm network filters only, as Envoy's does (its Lua and built-in
     * filters here are HTTP filters): true, with the message saying so, on a network chain.
     */
    private boolean refusedOnNetwork(String what) {
        if (!network.get()) {
            return false;
        }
        message.set(
                "Not added: "
                        + what
                        + " is an HTTP filter, and a TCP listener's chain takes Wasm network"
                        + " filters only.");
        return true;
    }

    /** Inserts after the selected filter (or at the end) and selects it. */
    private FilterItem insert(FilterSpec spec) {
        message.set("");
        FilterItem item = new FilterItem(spec);
        int at = selected.get() == null ? items.size() : items.indexOf(selected.get()) + 1;
        items.add(at, item);
        selected.set(item);
        return item;
    }

    /**
     * Shows an engine start failure on the filter it concerns: the message, then the guest's last
     * lines and the Wasm stack when the engine has them. Returns that filter, or null.
     */
    public FilterItem markStartFailure(Throwable failure) {
        FilterStartException e = startFailure(failure);
        String text = ModuleLibraryViewModel.plain(failure);
        if (e != null && !e.details().isEmpty()) {
            text = text + "\n" + String.join("\n", e.details());
        }
        return markStartFailure(e == null ? null : e.filter(), text);
    }

    /**
     * Shows a start failure on the filter named {@code filter}, or (null) on the one the message
     * names ({@code name: ...} or {@code name (native kind): ...}, as the engine words them);
     * returns that filter, or null.
     */
    public FilterItem markStartFailure(String filter, String message) {
        clearStartFailures();
        if (message == null) {
            return null;
        }
        FilterItem best = null;
        List<FilterItem> all = new ArrayList<>(items);
        all.addAll(loggers.items());
        for (FilterItem i : all) {
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

    /** The engine's start failure behind {@code t} (a future's wrapping removed), or null. */
    public static FilterStartException startFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FilterStartException e) {
                return e;
            }
        }
        return null;
    }

    public void clearStartFailures() {
        items.forEach(i -> i.engineProblemProperty().set(""));
        loggers.items().forEach(i -> i.engineProblemProperty().set(""));
    }

    public void remove(FilterItem item) {
        int at = items.indexOf(item);
        if (at < 0) {
            return;
        }
        items.remove(at);
        selected.set(items.isEmpty() ? null : items.get(Math.min(at, items.size() - 1)));
    }

    /** Moves a filter to {@code to} (an index in the list after removal). */
    public void move(FilterItem item, int to) {
        int from = items.indexOf(item);
        if (from < 0) {
            return;
        }
        int target = Math.max(0, Math.min(to, items.size() - 1));
        if (target == from) {
            return;
        }
        List<FilterItem> copy = new ArrayList<>(items);
        copy.remove(from);
        copy.add(target, item);
        items.setAll(copy);
        selected.set(item);
    }

    public void moveUp(FilterItem item) {
        move(item, items.indexOf(item) - 1);
    }

    public void moveDown(FilterItem item) {
        move(item, items.indexOf(item) + 1);
    }

    String uniqueName(String base) {
        String n = base;
        for (int i = 2; nameTaken(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    private boolean nameTaken(String n) {
        return items.stream().anyMatch(i -> n.equals(i.nameProperty().get()))
                || loggers.items().stream().anyMatch(i -> n.equals(i.nameProperty().get()));
    }

    /** The first problem that stops the chain or its loggers from being applied, or null. */
    public String problem() {
        List<String> names = new ArrayList<>();
        for (FilterItem i : items) {
            String p = i.problem();
            if (p != null) {
                return p;
            }
            String n = i.nameProperty().get().trim();
            if (names.contains(n)) {
                return "two filters are named '" + n + "' (names must be unique)";
            }
            names.add(n);
        }
        String p = loggers.problem();
        if (p != null) {
            return p;
        }
        for (FilterItem i : loggers.items()) {
            String n = i.nameProperty().get().trim();
            if (names.contains(n)) {
                // A logger's events carry its name where a filter's carry the filter's.
                return "another filter or access logger is already named '"
                        + n
                        + "' (names must be unique)";
            }
            names.add(n);
        }
        return null;
    }

    public List<FilterSpec> specs() {
        return items.stream().map(FilterItem::toSpec).toList();
    }
}
