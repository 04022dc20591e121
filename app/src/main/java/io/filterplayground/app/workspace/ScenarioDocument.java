package io.filterplayground.app.workspace;

import static io.filterplayground.app.modules.ModuleLibraryViewModel.plain;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.modules.ModuleLibraryViewModel;
import io.filterplayground.app.request.ConnectionViewModel;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.app.upstream.UpstreamViewModel;
import io.filterplayground.engine.scenario.AccessLoggerSpec;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Listener;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.TcpListenerSpec;
import io.filterplayground.engine.scenario.Variables;
import io.filterplayground.engine.scenario.WasmFilterSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The scenario being edited: opened from a file or the built-in demo, edited through the chain
 * (with its access loggers), upstream, request and connection panels and the toolbar's workers and
 * clock, built back into a {@link Scenario} and saved as YAML (the command line's format). Its
 * listeners (HTTP, TCP, or HTTP with an added TCP listener) are the file's. Every edit is announced
 * through {@code onEdit}; a loaded scenario through {@code onLoaded}, which starts it.
 */
final class ScenarioDocument {
    private final ModuleLibraryViewModel modules;
    private final ChainViewModel chain;
    private final UpstreamViewModel upstream;
    private final RequestViewModel request;
    private final ConnectionViewModel connection;
    private final Messages messages;
    private final Executor ui;
    private final Executor files;

    private final IntegerProperty workers = new SimpleIntegerProperty(2);
    private final ObjectProperty<Scenario.ClockMode> clock =
            new SimpleObjectProperty<>(Scenario.ClockMode.VIRTUAL);
    private final StringProperty title = new SimpleStringProperty("Filter Playground");
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final BooleanProperty httpListener = new SimpleBooleanProperty(true);
    private final BooleanProperty tcpListener = new SimpleBooleanProperty(false);

    private Scenario base;
    private Path file;
    private boolean loading;
    private Runnable onEdit = () -> {};
    private Supplier<CompletableFuture<Void>> onLoaded =
            () -> CompletableFuture.completedFuture(null);

    /** {@code files}: where scenario files are read, off the UI thread. */
    ScenarioDocument(
            ModuleLibraryViewModel modules,
            ChainViewModel chain,
            UpstreamViewModel upstream,
            RequestViewModel request,
            ConnectionViewModel connection,
            Messages messages,
            Executor ui,
            Executor files) {
        this.modules = modules;
        this.chain = chain;
        this.upstream = upstream;
        this.request = request;
        this.connection = connection;
        this.messages = messages;
        this.ui = ui;
        this.files = files;
        chain.setOnChange(this::edited);
        upstream.setOnChange(this::edited);
        workers.addListener((o, a, b) -> edited());
        clock.addListener((o, a, b) -> edited());
    }

    void setOnEdit(Runnable r) {
        onEdit = r;
    }

    /** Called once a scenario is in the panels; what it returns completes the open. */
    void setOnLoaded(Supplier<CompletableFuture<Void>> s) {
        onLoaded = s;
    }

    /** An edit of the scenario (or of how it runs): it is now unsaved, and announced. */
    void edited() {
        if (loading) {
            return;
        }
        dirty.set(true);
        onEdit.run();
    }

    /** Opens the built-in demo. */
    CompletableFuture<Void> openDemo() {
        return CompletableFuture.supplyAsync(ScenarioFiles::demo, Runnable::run)
                .thenComposeAsync(s -> load(s, null), ui);
    }

    /** Opens a scenario already read (a lesson's), titled {@code name}, with no file. */
    CompletableFuture<Void> open(Scenario s, String name) {
        CompletableFuture<Void> started = load(s, null);
        title.set("Filter Playground — " + name);
        return started;
    }

    /** Opens a scenario file; a bad file leaves the current scenario and says why. */
    CompletableFuture<Void> open(Path path) {
        return CompletableFuture.supplyAsync(() -> ScenarioFiles.read(path), files)
                .handleAsync(
                        (opened, err) -> {
                            if (err != null) {
                                String text =
                                        "Could not open " + path.getFileName() + ": " + plain(err);
                                if (base == null) {
                                    // Nothing open yet (gui BAD_FILE): show the demo and say why.
                                    return openDemo().thenRunAsync(() -> messages.error(text), ui);
                                }
                                messages.error(text);
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            if (!opened.imported()) {
                                return load(opened.scenario(), path);
                            }
                            return load(opened.scenario(), ScenarioFiles.scenarioFor(path))
                                    .thenRunAsync(() -> imported(path, opened.notes()), ui);
                        },
                        ui)
                .thenCompose(f -> f);
    }

    /**
     * An imported Envoy or Istio file is not a scenario yet: unsaved, titled by its source, and
     * what did not carry over is said (placeholders first: the chain marks them "not run").
     */
    private void imported(Path path, java.util.List<String> notes) {
        dirty.set(true);
        title.set("Filter Playground — imported from " + path.getFileName());
        long kept = notes.stream().filter(n -> n.contains("kept as a placeholder")).count();
        String text =
                "Imported "
                        + path.getFileName()
                        + (kept == 0
                                ? ""
                                : ": "
                                        + kept
                                        + " filter(s) the playground cannot run are kept as"
                                        + " placeholders (marked 'not run'), for export")
                        + (notes.isEmpty() ? "." : ". " + String.join(" · ", notes));
        if (notes.isEmpty()) {
            messages.info(text);
        } else {
            messages.warning(text);
        }
    }

    /** The open file read again (a watch saw it or what it reads change): it starts anew. */
    CompletableFuture<Void> reload(Scenario s) {
        return load(s, file);
    }

    private CompletableFuture<Void> load(Scenario s, Path from) {
        loading = true;
        try {
            base = s;
            file = from;
            workers.set(s.workers());
            clock.set(s.clock());
            for (FilterSpec f : s.allFilters()) {
                if (f instanceof WasmFilterSpec w) {
                    modules.ensure(w.plugin().module());
                }
            }
            for (ServiceSpec svc : s.services()) {
                modules.ensure(svc.plugin().module());
            }
            for (AccessLoggerSpec a : s.accessLoggers()) {
                modules.ensure(a.plugin().module());
            }
            httpListener.set(s.hasHttpListener());
            tcpListener.set(s.tcpListener() != null);
            chain.networkProperty().set(s.listener() == Listener.TCP);
            chain.load(s.filters());
            TcpListenerSpec added = s.addedTcpListener();
            chain.hasTcpListenerProperty().set(added != null);
            chain.tcpListener().load(added == null ? List.of() : added.filters());
            chain.loggers().load(s.accessLoggers());
            connection.loadScenarioConnections(s.connections());
            upstream.load(s.clusters(), s.route());
            request.loadScenarioSteps(s.steps());
            request.loadVariables(s.variables());
            dirty.set(false);
            title.set(
                    "Filter Playground — " + (from == null ? "built-in demo" : from.getFileName()));
        } finally {
            loading = false;
        }
        return onLoaded.get();
    }

    /** Saves the scenario as YAML (the command line's format). */
    boolean save(Path target) {
        try {
            Scenario s = build();
            ScenarioFiles.save(s, directory(), target);
            base = s;
            file = target;
            dirty.set(false);
            title.set("Filter Playground — " + target.getFileName());
            messages.info(
                    "Saved "
                            + target.getFileName()
                            + ". Run it headless: filter-playground run "
                            + target.getFileName());
            return true;
        } catch (RuntimeException e) {
            messages.error("Could not save " + target.getFileName() + ": " + plain(e));
            return false;
        }
    }

    /** The scenario as edited; throws IllegalArgumentException naming the first problem. */
    Scenario build() {
        if (base == null) {
            throw new IllegalArgumentException("no scenario is open");
        }
        String problem = chain.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String route = upstream.routeProperty().get();
        if (route == null || !upstream.clusters().containsKey(route)) {
            throw new IllegalArgumentException("the route names no cluster");
        }
        return base
                .withWorkers(workers.get())
                .withClock(clock.get())
                .withFilters(chain.specs())
                .withClusters(upstream.orderedClusters(), route)
                .withSteps(request.savedSteps())
                .withVariables(request.variablesMap())
                .toBuilder()
                .connections(connection.savedConnections())
                .accessLoggers(chain.loggers().specs())
                .addedTcpListener(
                        base.addedTcpListener() == null
                                ? null
                                : new TcpListenerSpec(
                                        chain.tcpListener().specs(),
                                        base.addedTcpListener().route()))
                .build();
    }

    /** What replaces {@code {{name}}} in the composed request now. */
    Variables variables() {
        return new Variables(request.variablesMap(), base == null ? 42 : base.seed());
    }

    /** Where the open file's relative paths start (null for the demo). */
    Path directory() {
        return file == null ? null : file.toAbsolutePath().getParent();
    }

    Path file() {
        return file;
    }

    IntegerProperty workersProperty() {
        return workers;
    }

    ObjectProperty<Scenario.ClockMode> clockProperty() {
        return clock;
    }

    StringProperty titleProperty() {
        return title;
    }

    BooleanProperty dirtyProperty() {
        return dirty;
    }

    /** Whether the scenario takes requests: its listener is HTTP. */
    BooleanProperty httpListenerProperty() {
        return httpListener;
    }

    /** Whether it takes connections: {@code listener: tcp}, or an added {@code tcpListener:}. */
    BooleanProperty tcpListenerProperty() {
        return tcpListener;
    }
}
