package io.filterplayground.app.chain;

import io.filterplayground.app.modules.FilterTemplates;
import io.filterplayground.app.modules.ModuleEntry;
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
 * remove, enable or disable, move. A TCP listener's chain is a network filter chain: Wasm filters
 * only. The chain panel's own chain also holds the {@link AccessLoggersViewModel access loggers}
 * and, for an http scenario that adds one, the {@link #tcpListener() TCP listener's} network chain
 * (itself a chain without loggers); filter and logger names are unique across all three, and one of
 * their items at a time is being edited. Every change (order or a field of any filter or logger) is
 * announced through {@code onChange}, which the workspace turns into a restart of the playground.
 */
public final class ChainViewModel {
    private final ObservableList<FilterItem> items =
            FXCollections.observableArrayList(FilterItem::observables);
    private final ObjectProperty<FilterItem> selected = new SimpleObjectProperty<>();
    private final BooleanProperty network = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");

    /** The panel's chain this one is the added TCP listener of; null for the panel's own. */
    private final ChainViewModel owner;

    private final AccessLoggersViewModel loggers;
    private final ChainViewModel tcp;
    private final BooleanProperty hasTcpListener = new SimpleBooleanProperty(false);
    private final ObjectProperty<FilterItem> editing = new SimpleObjectProperty<>();
    private final BooleanProperty editingNetwork = new SimpleBooleanProperty(false);
    private Runnable onChange = () -> {};
    private boolean loading;

    public ChainViewModel() {
        this(null);
    }

    private ChainViewModel(ChainViewModel owner) {
        this.owner = owner;
        items.addListener(
                (ListChangeListener<FilterItem>)
                        c -> {
                            if (!loading) {
                                onChange.run();
                            }
                        });
        network.addListener((o, a, b) -> message.set(""));
        if (owner != null) {
            network.set(true);
            loggers = null;
            tcp = null;
            return;
        }
        loggers = new AccessLoggersViewModel(this::uniqueName);
        tcp = new ChainViewModel(this);
        // One settings panel: the filter or logger picked last, in whichever list.
        List<ObjectProperty<FilterItem>> pickers =
                List.of(selected, tcp.selected, loggers.selectedProperty());
        for (ObjectProperty<FilterItem> p : pickers) {
            p.addListener((o, a, b) -> picked(pickers, p, b));
        }
    }

    private void picked(
            List<ObjectProperty<FilterItem>> pickers,
            ObjectProperty<FilterItem> from,
            FilterItem item) {
        if (item != null) {
            pickers.stream().filter(p -> p != from).forEach(p -> p.set(null));
        }
        FilterItem now =
                item != null
                        ? item
                        : pickers.stream()
                                .map(ObjectProperty::get)
                                .filter(i -> i != null)
                                .findFirst()
                                .orElse(null);
        editingNetwork.set(
                now != null && (tcp.items.contains(now) || (network.get() && items.contains(now))));
        editing.set(now);
    }

    public void setOnChange(Runnable r) {
        onChange = r;
        if (owner == null) {
            loggers.setOnChange(r);
            tcp.setOnChange(r);
        }
    }

    /** The access loggers below the chain (null on an added TCP listener's chain). */
    public AccessLoggersViewModel loggers() {
        return loggers;
    }

    /**
     * The network chain of the TCP listener an http scenario adds ({@code tcpListener:}; null on
     * that chain itself); in use while {@link #hasTcpListenerProperty()} holds.
     */
    public ChainViewModel tcpListener() {
        return tcp;
    }

    /** True while the scenario adds a TCP listener beside its HTTP one. */
    public BooleanProperty hasTcpListenerProperty() {
        return hasTcpListener;
    }

    /** The filter or access logger whose settings are shown. */
    public ObjectProperty<FilterItem> editingProperty() {
        return editing;
    }

    /** True while the item being edited is a network filter (a TCP listener's). */
    public BooleanProperty editingNetworkProperty() {
        return editingNetwork;
    }

    /** True for a TCP listener's network filter chain: Wasm filters only. */
    public BooleanProperty networkProperty() {
        return network;
    }

    /** Why the last add was refused, or "". */
    public StringProperty messageProperty() {
        return message;
    }

    /** Every filter of both chains, then every access logger. */
    public List<FilterItem> allItems() {
        if (owner != null) {
            return owner.allItems();
        }
        List<FilterItem> all = new ArrayList<>(items);
        if (hasTcpListener.get()) {
            all.addAll(tcp.items);
        }
        all.addAll(loggers.items());
        return all;
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
     * Shows an engine start failure on the filter or logger it concerns (see {@link
     * StartFailures}); returns it, or null.
     */
    public FilterItem markStartFailure(Throwable failure) {
        return StartFailures.mark(allItems(), failure);
    }

    /**
     * Shows a start failure on the filter or logger named {@code filter}, or (null) on the one the
     * message names; returns it, or null.
     */
    public FilterItem markStartFailure(String filter, String message) {
        return StartFailures.mark(allItems(), filter, message);
    }

    /** The engine's start failure behind {@code t} (a future's wrapping removed), or null. */
    public static FilterStartException startFailure(Throwable t) {
        return StartFailures.of(t);
    }

    public void clearStartFailures() {
        StartFailures.clear(allItems());
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
        return allItems().stream().anyMatch(i -> n.equals(i.nameProperty().get()));
    }

    /**
     * The first problem that stops the chains or the loggers from being applied, or null: an item's
     * own, or a name twice (a logger's events carry its name where a filter's carry the filter's).
     */
    public String problem() {
        if (owner != null) {
            return owner.problem();
        }
        List<String> names = new ArrayList<>();
        List<FilterItem> filters = allItems();
        filters.removeAll(loggers.items());
        for (FilterItem i : allItems()) {
            String p = i.problem();
            if (p != null) {
                return p;
            }
            String n = i.nameProperty().get().trim();
            if (names.contains(n)) {
                return filters.contains(i)
                        ? "two filters are named '" + n + "' (names must be unique)"
                        : "another filter or access logger is already named '"
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
