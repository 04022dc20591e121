package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.change.ChangeViewModel;
import io.filterplayground.app.debug.DebugViewModel;
import io.filterplayground.app.diff.DiffViewModel;
import io.filterplayground.app.logs.LogsViewModel;
import io.filterplayground.app.metrics.MetricsViewModel;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.modules.ModuleLibraryViewModel;
import io.filterplayground.app.request.ConnectionViewModel;
import io.filterplayground.app.request.History;
import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.app.response.ResponseViewModel;
import io.filterplayground.app.shared.SharedStateViewModel;
import io.filterplayground.app.timeline.TimelineViewModel;
import io.filterplayground.app.upstream.UpstreamViewModel;
import io.filterplayground.app.vms.VmsViewModel;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The whole window's state and commands, as the views bind to them. It composes the parts, each
 * with one job: the {@link ScenarioDocument} being edited, the {@link EditApplier} that restarts
 * the engine on edits, the {@link Sender}, {@link Burster} and {@link ClockControl} that drive it,
 * the {@link ExchangeList} of what came back, the {@link EngineMonitor} that keeps the engine-wide
 * panels live, and the {@link DebuggerLink}; the engine itself is an {@link EngineSession}. Every
 * method is called on the UI thread; engine work runs on the session's threads and comes back
 * through the {@code ui} executor.
 */
public final class WorkspaceViewModel implements AutoCloseable {
    private final ModuleLibraryViewModel modules;
    private final ChainViewModel chain = new ChainViewModel();
    private final History history = new History();
    private final RequestViewModel request = new RequestViewModel(history);
    private final ConnectionViewModel connection = new ConnectionViewModel(history);
    private final BooleanProperty composingConnection = new SimpleBooleanProperty(false);
    private final UpstreamViewModel upstream = new UpstreamViewModel();
    private final ResponseViewModel response = new ResponseViewModel();
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final DiffViewModel diff = new DiffViewModel();
    private final ChangeViewModel changes = new ChangeViewModel();
    private final VmsViewModel vms = new VmsViewModel();
    private final LogsViewModel logs = new LogsViewModel();
    private final MetricsViewModel metrics = new MetricsViewModel();
    private final SharedStateViewModel shared = new SharedStateViewModel();

    private final Messages messages = new Messages();
    private final EngineStatus status = new EngineStatus();
    private final ExchangeLog log = new ExchangeLog();
    private final EngineSession session;
    private final DebuggerLink debugger;
    private final ExchangeList exchanges;
    private final EngineMonitor monitor;
    private final ScenarioDocument document;
    private final EditApplier applier;
    private final TestRecorder tests;
    private final Sender sender;
    private final Burster burster;
    private final ClockControl clock;
    private final Watcher watcher;
    private final Executor ui;
    private final EngineWatchers watchers = new EngineWatchers();

    /** The window on a real engine ({@link PlaygroundSession}). */
    public WorkspaceViewModel(Executor ui, ScheduledExecutorService timer, Executor background) {
        this(ui, timer, background, PlaygroundSession::new);
    }

    /** The window on the engine {@code sessions} opens. */
    WorkspaceViewModel(
            Executor ui,
            ScheduledExecutorService timer,
            Executor background,
            EngineSession.Factory sessions) {
        this.ui = ui;
        this.modules = new ModuleLibraryViewModel(ui, background);
        this.session = sessions.open(log, new Feedback());
        this.debugger = new DebuggerLink(chain, session, ui);
        this.exchanges =
                new ExchangeList(log, session::pending, status.burstingProperty(), ui, timer);
        this.monitor =
                new EngineMonitor(
                        logs,
                        vms,
                        metrics,
                        shared,
                        session,
                        log,
                        status.burstingProperty(),
                        ui,
                        timer);
        this.document =
                new ScenarioDocument(
                        modules, chain, upstream, request, connection, messages, ui, timer);
        this.applier =
                new EditApplier(
                        document, chain, session, status, messages, ui, timer, this::restarted);
        this.tests =
                new TestRecorder(
                        document, applier.machineProperty()::get, messages, ui, background);
        EngineAccess engine =
                new EngineAccess(applier, session, exchanges, monitor, messages, ui, timer);
        this.clock = new ClockControl(engine);
        this.sender =
                new Sender(
                        request,
                        connection,
                        composingConnection,
                        debugger.debug(),
                        document,
                        engine,
                        clock::moved);
        this.burster = new Burster(request, document, status, engine);
        this.watcher =
                new Watcher(
                        changes,
                        document,
                        sender::lastRequest,
                        applier.machineProperty()::get,
                        messages,
                        this::replayed,
                        ui);
        document.setOnEdit(applier::schedule);
        document.setOnLoaded(this::loaded);
        exchanges.selectedProperty().addListener((o, a, b) -> show(b));
        watchers.follow(status.startingProperty(), clock.virtualMillisProperty());
    }

    /** What the engine reports on its own threads, handed to the part that shows it. */
    private final class Feedback implements EngineSession.Listener {
        @Override
        public void onTrace(TraceEvent event) {
            monitor.onTrace(event);
            watchers.onTrace(event);
        }

        @Override
        public void onExchange(RecordedExchange exchange) {
            exchanges.announce();
            watchers.onExchange(exchange);
        }

        @Override
        public void onPause(Pause pause) {
            debugger.onPause(pause);
        }
    }

    /** Another scenario is in the panels: what came back from the last one goes, and it starts. */
    private CompletableFuture<Void> loaded() {
        // A scenario without an HTTP listener takes connections: its composer comes to the front.
        composingConnection.set(!document.httpListenerProperty().get());
        exchanges.clear();
        logs.clear();
        messages.clear();
        return applier.applyNow();
    }

    /** A restart is over: the clock, stopped streams and requests in flight began anew. */
    private void restarted(boolean ok) {
        clock.restarted();
        // Streams stopped on the old engine were let go with it.
        debugger.debug().clear();
        // Requests in flight on the old chain are gone with it.
        exchanges.refresh();
        if (ok) {
            monitor.refreshSnapshot();
        } else {
            monitor.stopped();
        }
    }

    /** A watch replayed the scenario: its requests join the list, the last one selected. */
    private void replayed(List<RecordedExchange> xs) {
        xs.forEach(log::add);
        exchanges.refresh();
        if (!xs.isEmpty()) {
            exchanges.selectedProperty().set(xs.get(xs.size() - 1));
        }
    }

    private void show(RecordedExchange x) {
        response.show(x);
        timeline.show(x);
        diff.show(x);
        vms.highlight(x);
    }

    // ---- commands ------------------------------------------------------------------------------

    /** A watch follows one scenario: opening another ends it and starts its runs anew. */
    private void anotherScenario() {
        sender.forgetLastRequest();
        changes.watchingProperty().set(false);
        changes.clear();
    }

    /** Opens the built-in demo. */
    public CompletableFuture<Void> openDemo() {
        anotherScenario();
        return document.openDemo();
    }

    /** Opens a scenario file; a bad file leaves the current scenario and says why. */
    public CompletableFuture<Void> open(Path path) {
        anotherScenario();
        return document.open(path);
    }

    /** Opens a scenario read elsewhere (a lesson's), titled {@code name}; it has no file yet. */
    public CompletableFuture<Void> open(Scenario scenario, String name) {
        return document.open(scenario, name);
    }

    /** Follows the engine from now on (see {@link EngineWatcher}). */
    public void watch(EngineWatcher w) {
        watchers.add(w);
    }

    public void unwatch(EngineWatcher w) {
        watchers.remove(w);
    }

    /** The message bar's line, for parts outside the workspace (Learn mode). */
    public Messages messages() {
        return messages;
    }

    /** Saves the scenario as YAML (the command line's format). */
    public boolean save(Path target) {
        return document.save(target);
    }

    /** See {@link TestRecorder}; completes with whether it was saved. */
    public CompletableFuture<Boolean> saveAsTest(Path target) {
        return tests.saveAsTest(target);
    }

    /** The scenario as edited; throws IllegalArgumentException naming the first problem. */
    public Scenario buildScenario() {
        return document.build();
    }

    /** Builds the scenario from the edits and restarts the engine on it. */
    public CompletableFuture<Void> applyNow() {
        return applier.applyNow();
    }

    /** Loads a .wasm file into the module library (it does not join the chain by itself). */
    public CompletableFuture<ModuleEntry> loadModule(Path path) {
        return modules.loadFile(path)
                .whenCompleteAsync(
                        (e, err) -> {
                            if (err != null) {
                                messages.error(modules.messageProperty().get());
                            } else {
                                messages.info(
                                        "Loaded "
                                                + path.getFileName()
                                                + " into the module library: "
                                                + e.summary()
                                                + ". Add it to the chain from there.");
                            }
                        },
                        ui);
    }

    /** Adds a library module to the chain as a new filter. */
    public void addToChain(ModuleEntry module) {
        if (module != null) {
            chain.add(module);
        }
    }

    /**
     * Sends the request, or the connection, of the composer in front once; the result is selected
     * when it arrives.
     */
    public CompletableFuture<RecordedExchange> send() {
        return sender.send();
    }

    /** Sends {@link #burstCountProperty()} requests round-robin; the window stays live. */
    public CompletableFuture<EngineSession.BurstResult> burst() {
        if (composingConnection.get()) {
            messages.error(
                    "Not sent: a burst sends the composed HTTP request; send a connection with"
                            + " Send.");
            return CompletableFuture.completedFuture(null);
        }
        return burster.burst();
    }

    /** Puts a history entry into its composer (request or connection), which comes to the front. */
    public void loadFromHistory(HistoryEntry e) {
        boolean takes =
                e.isConnection()
                        ? document.tcpListenerProperty().get()
                        : document.httpListenerProperty().get();
        if (!takes) {
            messages.error(
                    e.isConnection()
                            ? "Not loaded: a connection needs a TCP listener (listener: tcp, or a"
                                    + " tcpListener:), and this scenario has none."
                            : "Not loaded: a request needs an HTTP listener, and this scenario's"
                                    + " listener is tcp.");
            return;
        }
        String name = e.name().replaceFirst(" ×\\d+$", "");
        if (e.isConnection()) {
            connection.load(name, e.steps());
        } else {
            request.load(name, e.request());
        }
        composingConnection.set(e.isConnection());
    }

    public void cancelBurst() {
        burster.cancel();
    }

    /** Moves the virtual clock by {@link #advanceByProperty()}: ticks and delayed replies fire. */
    public CompletableFuture<Void> advance() {
        return clock.advance();
    }

    /** Asks every thread for its VMs, metrics and shared state, off the UI thread. */
    public CompletableFuture<Void> refreshSnapshot() {
        return monitor.refreshSnapshot();
    }

    public void clearMessage() {
        messages.clear();
    }

    @Override
    public void close() {
        watcher.close();
        applier.close();
        burster.close();
        session.close();
    }

    // ---- the panels and what they bind to ------------------------------------------------------

    public ModuleLibraryViewModel modules() {
        return modules;
    }

    public ChainViewModel chain() {
        return chain;
    }

    public RequestViewModel request() {
        return request;
    }

    /** The connection composer (a TCP listener's). */
    public ConnectionViewModel connection() {
        return connection;
    }

    /** True while the connection composer is in front: Send sends a connection. */
    public BooleanProperty composingConnectionProperty() {
        return composingConnection;
    }

    /** Whether the scenario takes requests (an HTTP listener). */
    public ReadOnlyBooleanProperty httpListenerProperty() {
        return document.httpListenerProperty();
    }

    /** Whether it takes connections ({@code listener: tcp}, or an added TCP listener). */
    public ReadOnlyBooleanProperty tcpListenerProperty() {
        return document.tcpListenerProperty();
    }

    public UpstreamViewModel upstream() {
        return upstream;
    }

    public ResponseViewModel response() {
        return response;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    public DiffViewModel diff() {
        return diff;
    }

    /** What changed after each reload, and the watch that reloads. */
    public ChangeViewModel changes() {
        return changes;
    }

    /** Counts the reloads a watch made, each with its changes shown. */
    public ReadOnlyIntegerProperty reloadsProperty() {
        return watcher.reloadsProperty();
    }

    public VmsViewModel vms() {
        return vms;
    }

    public LogsViewModel logs() {
        return logs;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public SharedStateViewModel shared() {
        return shared;
    }

    public DebugViewModel debug() {
        return debugger.debug();
    }

    public ExchangeLog exchangeLog() {
        return log;
    }

    public IntegerProperty workersProperty() {
        return document.workersProperty();
    }

    public ObjectProperty<Machine> machineProperty() {
        return applier.machineProperty();
    }

    public ObjectProperty<Scenario.ClockMode> clockProperty() {
        return document.clockProperty();
    }

    public IntegerProperty burstCountProperty() {
        return burster.countProperty();
    }

    public StringProperty advanceByProperty() {
        return clock.advanceByProperty();
    }

    public LongProperty virtualMillisProperty() {
        return clock.virtualMillisProperty();
    }

    public StringProperty titleProperty() {
        return document.titleProperty();
    }

    public StringProperty statusProperty() {
        return status.statusProperty();
    }

    public StringProperty statsProperty() {
        return exchanges.statsProperty();
    }

    public ObjectProperty<Message> messageProperty() {
        return messages.messageProperty();
    }

    public BooleanProperty runningProperty() {
        return status.runningProperty();
    }

    public BooleanProperty startingProperty() {
        return status.startingProperty();
    }

    public BooleanProperty burstingProperty() {
        return status.burstingProperty();
    }

    public BooleanProperty dirtyProperty() {
        return document.dirtyProperty();
    }

    public ObservableList<RecordedExchange> exchanges() {
        return exchanges.exchanges();
    }

    public ObjectProperty<RecordedExchange> selectedProperty() {
        return exchanges.selectedProperty();
    }

    public Path file() {
        return document.file();
    }
}
