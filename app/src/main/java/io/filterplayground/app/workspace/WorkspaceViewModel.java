package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.debug.BreakAt;
import io.filterplayground.app.debug.DebugViewModel;
import io.filterplayground.app.diff.DiffViewModel;
import io.filterplayground.app.logs.LogsViewModel;
import io.filterplayground.app.metrics.MetricsViewModel;
import io.filterplayground.app.modules.ModuleEntry;
import io.filterplayground.app.modules.ModuleLibraryViewModel;
import io.filterplayground.app.request.HistoryEntry;
import io.filterplayground.app.request.RequestViewModel;
import io.filterplayground.app.response.ResponseViewModel;
import io.filterplayground.app.shared.SharedStateViewModel;
import io.filterplayground.app.timeline.TimelineViewModel;
import io.filterplayground.app.upstream.UpstreamViewModel;
import io.filterplayground.app.vms.VmsViewModel;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.report.ObservedExpectations;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.ServiceSpec;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.Variables;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.trace.TrapEvent;
import io.filterplayground.engine.trace.VmEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The whole window's state and commands. Owns the feature ViewModels, builds the scenario from
 * their edits, restarts the engine when it changes (debounced), sends requests and bursts, moves
 * the virtual clock, and feeds trace events and snapshots back to the views. Every method is called
 * on the UI thread; engine work goes to {@link EngineSession}'s threads and comes back through the
 * {@code ui} executor.
 */
public final class WorkspaceViewModel implements AutoCloseable {
    /** Edits within this window restart the engine once. */
    static final long APPLY_DELAY_MILLIS = 350;

    /** How often the VM view is refreshed during a burst. */
    static final long BURST_SNAPSHOT_MILLIS = 300;

    private final DebugViewModel debug = new DebugViewModel(this::clearBreakpoints);
    private final InvalidationListener breakpointsChanged = o -> updateBreakpoints();
    private final Executor ui;
    private final Executor background;
    private final ScheduledExecutorService timer;
    private final ExchangeLog log = new ExchangeLog();
    private final EngineSession session;
    private final FrameBatcher<TraceEvent> traces;
    private final FrameBatcher<Boolean> exchangeSignals;

    private final ModuleLibraryViewModel modules;
    private final ChainViewModel chain = new ChainViewModel();
    private final RequestViewModel request = new RequestViewModel();
    private final UpstreamViewModel upstream = new UpstreamViewModel();
    private final ResponseViewModel response = new ResponseViewModel();
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final DiffViewModel diff = new DiffViewModel();
    private final VmsViewModel vms = new VmsViewModel();
    private final LogsViewModel logs = new LogsViewModel();
    private final MetricsViewModel metrics = new MetricsViewModel();
    private final SharedStateViewModel shared = new SharedStateViewModel();

    private final IntegerProperty workers = new SimpleIntegerProperty(2);
    private final ObjectProperty<Machine> machine = new SimpleObjectProperty<>(Machine.COMPILED);
    private final ObjectProperty<Scenario.ClockMode> clock =
            new SimpleObjectProperty<>(Scenario.ClockMode.VIRTUAL);
    private final IntegerProperty burstCount = new SimpleIntegerProperty(1000);
    private final StringProperty advanceBy = new SimpleStringProperty("1s");
    private final LongProperty virtualMillis = new SimpleLongProperty(0);

    private final StringProperty title = new SimpleStringProperty("Filter Playground");
    private final StringProperty status = new SimpleStringProperty("Starting…");
    private final StringProperty stats = new SimpleStringProperty("No requests yet.");
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty starting = new SimpleBooleanProperty(false);
    private final BooleanProperty bursting = new SimpleBooleanProperty(false);
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ObservableList<RecordedExchange> exchanges = FXCollections.observableArrayList();
    private final ObjectProperty<RecordedExchange> selected = new SimpleObjectProperty<>();

    /** During a burst the request picker is refreshed at most this often (counts every frame). */
    static final long BURST_LIST_NANOS = 500_000_000L;

    private long lastListUpdate;
    private Scenario base;
    private Path file;
    private boolean loading;

    /** Single sends so far: what {@code {{$uuid}}} is drawn from. */
    private long sends;

    /** Why the chain did not start, while it stays down (null once it runs). */
    private String startFailure;

    private ScheduledFuture<?> pendingApply;
    private ScheduledFuture<?> burstPoller;
    private CompletableFuture<Void> lastApply = CompletableFuture.completedFuture(null);

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
        this.background = background;
        this.timer = timer;
        this.modules = new ModuleLibraryViewModel(ui, background);
        this.traces = new FrameBatcher<>(ui, timer, this::onTraces);
        this.exchangeSignals = new FrameBatcher<>(ui, timer, batch -> onExchanges());
        this.session =
                sessions.open(
                        log,
                        new EngineSession.Listener() {
                            @Override
                            public void onTrace(TraceEvent e) {
                                WorkspaceViewModel.this.onTrace(e);
                            }

                            @Override
                            public void onExchange(RecordedExchange x) {
                                exchangeSignals.add(true);
                            }

                            @Override
                            public void onPause(Pause p) {
                                ui.execute(() -> debug.add(p));
                            }
                        });
        chain.items().addListener(this::itemsChanged);
        chain.setOnChange(this::edited);
        upstream.setOnChange(this::edited);
        workers.addListener((o, a, b) -> edited());
        clock.addListener((o, a, b) -> edited());
        machine.addListener((o, a, b) -> edited());
        selected.addListener((o, a, b) -> showExchange(b));
    }

    // ---- the debugger ------------------------------------------------------------------------

    /** Breakpoints follow the chain: its filters' Break choices, and their names. */
    private void itemsChanged(ListChangeListener.Change<? extends FilterItem> c) {
        while (c.next()) {
            c.getRemoved().forEach(i -> i.breakAtProperty().removeListener(breakpointsChanged));
            c.getAddedSubList().forEach(i -> i.breakAtProperty().addListener(breakpointsChanged));
        }
        updateBreakpoints();
    }

    /** The chain's breakpoints go to the engine as they change; no restart needed. */
    private void updateBreakpoints() {
        List<Breakpoint> bs = new ArrayList<>();
        for (FilterItem i : chain.items()) {
            BreakAt at = i.breakAtProperty().get();
            if (at != null && at != BreakAt.NONE) {
                bs.add(new Breakpoint(i.nameProperty().get().trim(), at.stage()));
            }
        }
        session.setBreakpoints(bs);
    }

    private void clearBreakpoints() {
        for (FilterItem i : chain.items()) {
            i.breakAtProperty().set(BreakAt.NONE);
        }
        // Pauses on their way to the window are let go too; it then ignores them.
        session.resumeStopped();
    }

    public DebugViewModel debug() {
        return debug;
    }

    // ---- loading and saving ------------------------------------------------------------------

    /** Opens the built-in demo. */
    public CompletableFuture<Void> openDemo() {
        return CompletableFuture.supplyAsync(ScenarioFiles::demo, Runnable::run)
                .thenComposeAsync(s -> load(s, null), ui);
    }

    /** Opens a scenario file; a bad file leaves the current scenario and says why. */
    public CompletableFuture<Void> open(Path path) {
        return CompletableFuture.supplyAsync(() -> ScenarioFiles.open(path), timer)
                .handleAsync(
                        (s, err) -> {
                            if (err != null) {
                                String text =
                                        "Could not open " + path.getFileName() + ": " + plain(err);
                                if (base == null) {
                                    // Nothing open yet (gui BAD_FILE): show the demo and say why.
                                    return openDemo().thenRunAsync(() -> error(text), ui);
                                }
                                error(text);
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            return load(s, path);
                        },
                        ui)
                .thenCompose(f -> f);
    }

    private CompletableFuture<Void> load(Scenario s, Path from) {
        loading = true;
        try {
            base = s;
            file = from;
            workers.set(s.workers());
            clock.set(s.clock());
            for (FilterSpec f : s.filters()) {
                if (f.wasm() != null) {
                    modules.ensure(f.wasm());
                }
            }
            for (ServiceSpec svc : s.services()) {
                modules.ensure(svc.wasm());
            }
            chain.load(s.filters());
            upstream.load(s.clusters(), s.route());
            request.loadScenarioSteps(s.steps());
            request.loadVariables(s.variables());
            log.clear();
            logs.clear();
            exchanges.clear();
            selected.set(null);
            stats.set("No requests yet.");
            dirty.set(false);
            title.set(
                    "Filter Playground — " + (from == null ? "built-in demo" : from.getFileName()));
        } finally {
            loading = false;
        }
        clearMessage();
        return applyNow();
    }

    /** Saves the scenario as YAML (the command line's format). */
    public boolean save(Path target) {
        try {
            Scenario s = buildScenario();
            ScenarioFiles.save(s, file == null ? null : file.toAbsolutePath().getParent(), target);
            base = s;
            file = target;
            dirty.set(false);
            title.set("Filter Playground — " + target.getFileName());
            info(
                    "Saved "
                            + target.getFileName()
                            + ". Run it headless: filter-playground run "
                            + target.getFileName());
            return true;
        } catch (RuntimeException e) {
            error("Could not save " + target.getFileName() + ": " + plain(e));
            return false;
        }
    }

    /**
     * Saves the scenario as a test: its requests run once more, headless, through the chain as it
     * is now, and each gets the expect block of what it got (the command line's {@code run
     * --write-test}). Completes with whether it was saved.
     */
    public CompletableFuture<Boolean> saveAsTest(Path target) {
        Scenario s;
        try {
            s = buildScenario();
        } catch (RuntimeException e) {
            error("Could not save a test: " + plain(e));
            return CompletableFuture.completedFuture(false);
        }
        if (s.steps().stream().noneMatch(Step.Send.class::isInstance)) {
            error(
                    "Could not save a test: the scenario has no requests. Keep the composed request"
                            + " (Keep in the Request panel) to add it.");
            return CompletableFuture.completedFuture(false);
        }
        Path from = file == null ? null : file.toAbsolutePath().getParent();
        Machine m = machine.get();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                RunResult r =
                                        ScenarioRunner.run(
                                                s,
                                                new Playground.Options(m, TraceDetail.FULL),
                                                TraceSink.NONE);
                                Scenario recorded = ObservedExpectations.record(r);
                                ScenarioFiles.save(recorded, from, target);
                                return r.sent().size();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted");
                            }
                        },
                        background)
                .handleAsync(
                        (n, err) -> {
                            if (err != null) {
                                error("Could not save a test: " + plain(err));
                                return false;
                            }
                            info(
                                    "Saved "
                                            + target.getFileName()
                                            + ": "
                                            + n
                                            + " request(s) ran again and each got an expect"
                                            + " block of what it got. Check a change with:"
                                            + " filter-playground test "
                                            + target.getFileName());
                            return true;
                        },
                        ui);
    }

    /** Loads a .wasm file into the module library (it does not join the chain by itself). */
    public CompletableFuture<ModuleEntry> loadModule(Path path) {
        return modules.loadFile(path)
                .whenCompleteAsync(
                        (e, err) -> {
                            if (err != null) {
                                error(modules.messageProperty().get());
                            } else {
                                info(
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

    // ---- applying edits ----------------------------------------------------------------------

    private void edited() {
        if (loading) {
            return;
        }
        dirty.set(true);
        if (pendingApply != null) {
            pendingApply.cancel(false);
        }
        pendingApply =
                timer.schedule(
                        () -> ui.execute(this::applyNow),
                        APPLY_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
    }

    /** Builds the scenario from the edits and restarts the engine on it. */
    public CompletableFuture<Void> applyNow() {
        if (pendingApply != null) {
            pendingApply.cancel(false);
            pendingApply = null;
        }
        Scenario s;
        try {
            s = buildScenario();
        } catch (IllegalArgumentException e) {
            error("Not applied: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        starting.set(true);
        status.set("Starting " + describe(s) + "…");
        Machine m = machine.get();
        lastApply =
                session.restart(s, new Playground.Options(m, TraceDetail.FULL))
                        .handleAsync(
                                (v, err) -> {
                                    starting.set(false);
                                    virtualMillis.set(0);
                                    // Streams stopped on the old engine were let go with it.
                                    debug.clear();
                                    // Requests in flight on the old chain are gone with it.
                                    onExchanges();
                                    if (err != null) {
                                        running.set(false);
                                        status.set("Not running");
                                        vms.clear();
                                        startFailure =
                                                startFailureText(err, chain.markStartFailure(err));
                                        error("The chain did not start: " + startFailure);
                                    } else {
                                        running.set(true);
                                        chain.clearStartFailures();
                                        if (startFailure != null) {
                                            clearMessage();
                                            startFailure = null;
                                        }
                                        status.set(
                                                "Running "
                                                        + describe(s)
                                                        + " · "
                                                        + m.displayName()
                                                        + " machine");
                                        refreshSnapshot();
                                    }
                                    return null;
                                },
                                ui);
        return lastApply;
    }

    /**
     * A failed start in one line: the engine's message, the guest's last line (a Go module's {@code
     * fatal error: ...}) and where the rest is (the failed filter's panel).
     */
    private static String startFailureText(Throwable err, FilterItem failed) {
        String text = plain(err);
        FilterStartException e = ChainViewModel.startFailure(err);
        if (e != null && !e.guestOutput().isEmpty()) {
            text += " — the guest's last line: " + e.guestOutput().get(e.guestOutput().size() - 1);
        }
        if (failed != null && e != null && !e.details().isEmpty()) {
            text += " (select " + failed + " in the chain for its output and Wasm stack)";
        }
        return text;
    }

    /** Why an action failed: while the chain is down after a failed start, that failure. */
    private String why(Throwable err) {
        return startFailure != null ? "the chain did not start: " + startFailure : plain(err);
    }

    /** The scenario as edited; throws IllegalArgumentException naming the first problem. */
    public Scenario buildScenario() {
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
        return base.withWorkers(workers.get())
                .withClock(clock.get())
                .withFilters(chain.specs())
                .withClusters(upstream.orderedClusters(), route)
                .withSteps(request.savedSteps())
                .withVariables(request.variablesMap());
    }

    private static String describe(Scenario s) {
        long on = s.filters().stream().filter(FilterSpec::enabled).count();
        return on
                + " filter(s) on "
                + s.workers()
                + " worker(s), "
                + s.clock().name().toLowerCase(Locale.ROOT)
                + " clock";
    }

    /** Pending edits are applied before anything is sent, so a send always sees them. */
    private CompletableFuture<Void> flushEdits() {
        return pendingApply != null ? applyNow() : lastApply;
    }

    // ---- sending -------------------------------------------------------------------------------

    /** What replaces {@code {{name}}} in the composed request now. */
    private Variables variables() {
        return new Variables(request.variablesMap(), base == null ? 42 : base.seed());
    }

    /** Sends the composer's request once; the result is selected when it arrives. */
    public CompletableFuture<RecordedExchange> send() {
        HttpRequest template;
        HttpRequest r;
        try {
            template = request.toRequest();
            r = variables().expand(template, 0, sends++);
        } catch (IllegalArgumentException e) {
            error("Not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        String name = request.nameProperty().get();
        CompletableFuture<RecordedExchange> result = new CompletableFuture<>();
        flushEdits()
                .thenCompose(v -> session.send(name, r, null))
                .whenCompleteAsync(
                        (x, err) -> {
                            if (err != null) {
                                error("Not sent: " + why(err));
                                result.complete(null);
                                return;
                            }
                            // History keeps the template, so a resend draws its variables anew.
                            request.recordSent(HistoryEntry.Kind.SENT, name, template, outcome(x));
                            onExchanges();
                            selected.set(x);
                            refreshSnapshot();
                            upstreamTrouble(x.exchange())
                                    .ifPresent(
                                            why ->
                                                    warning(
                                                            "The upstream could not answer: "
                                                                    + why));
                            result.complete(x);
                        },
                        ui);
        timer.schedule(
                () -> ui.execute(() -> showPending(result)),
                PENDING_AFTER_MILLIS,
                TimeUnit.MILLISECONDS);
        return result;
    }

    /** Why the upstream did not answer (unreachable, timed out), in plain words, if it did not. */
    static java.util.Optional<String> upstreamTrouble(io.filterplayground.engine.Exchange x) {
        return x.events().stream()
                .filter(
                        e ->
                                e instanceof io.filterplayground.engine.trace.StreamEvent se
                                        && se.what().equals("upstream_failure"))
                .map(e -> ((io.filterplayground.engine.trace.StreamEvent) e).detail())
                .findFirst();
    }

    /** A send still in flight after this long shows in the request list as waiting. */
    static final long PENDING_AFTER_MILLIS = 400;

    /**
     * A request still in flight joins the request list as {@code waiting (paused by X)} with its
     * events so far, and is selected; its full exchange replaces it when it completes.
     */
    private void showPending(CompletableFuture<RecordedExchange> result) {
        if (result.isDone()) {
            return;
        }
        onExchanges();
        RecordedExchange p = exchanges.isEmpty() ? null : exchanges.get(0);
        if (p == null || !p.pending()) {
            return;
        }
        selected.set(p);
        Pause stopped = debug.currentProperty().get();
        if (stopped != null) {
            info(
                    "The request is stopped at a breakpoint before "
                            + stopped.filter()
                            + " · "
                            + stopped.stage().wireName()
                            + ": edit what the filter will see, then Continue (F8).");
        } else if (session.virtualClock()) {
            String w = p.waiting();
            info(
                    "The request is waiting"
                            + (w.isEmpty() ? "" : w.startsWith("for ") ? " " + w : ", " + w)
                            + ": a timer or a delayed reply is due on the virtual clock. Advance it"
                            + " to let the request finish; the timeline shows its events so far.");
        }
    }

    private static String outcome(RecordedExchange x) {
        HttpResponse r = x.exchange().response();
        if (r == null) {
            return "no response";
        }
        if (r.reset()) {
            return "reset";
        }
        return r.status() + (r.localReply() ? " local reply" : "");
    }

    /** Sends {@link #burstCountProperty()} requests round-robin; the window stays live. */
    public CompletableFuture<EngineSession.BurstResult> burst() {
        HttpRequest r;
        Variables vars;
        try {
            r = request.toRequest();
            vars = variables();
            List<String> undefined = vars.undefined(r);
            if (!undefined.isEmpty()) {
                throw new IllegalArgumentException(
                        "{{"
                                + undefined.get(0)
                                + "}} is not defined (Variables in the Request tab)");
            }
        } catch (IllegalArgumentException e) {
            error("Not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        int n = Math.max(1, burstCount.get());
        String name = request.nameProperty().get();
        bursting.set(true);
        status.set(String.format(Locale.ROOT, "Burst: 0 / %,d sent", n));
        burstPoller =
                timer.scheduleWithFixedDelay(
                        () -> ui.execute(this::refreshSnapshot),
                        BURST_SNAPSHOT_MILLIS,
                        BURST_SNAPSHOT_MILLIS,
                        TimeUnit.MILLISECONDS);
        CompletableFuture<EngineSession.BurstResult> result = new CompletableFuture<>();
        flushEdits()
                .thenCompose(
                        v ->
                                session.burst(
                                        name,
                                        i -> vars.expand(r, i, i),
                                        n,
                                        sent ->
                                                ui.execute(
                                                        () ->
                                                                status.set(
                                                                        String.format(
                                                                                Locale.ROOT,
                                                                                "Burst: %,d / %,d sent",
                                                                                sent,
                                                                                n)))))
                .whenCompleteAsync(
                        (b, err) -> {
                            burstPoller.cancel(false);
                            bursting.set(false);
                            if (err != null) {
                                error("Burst stopped: " + why(err));
                                result.complete(null);
                                return;
                            }
                            onExchanges();
                            selected.set(log.latest());
                            refreshSnapshot();
                            request.recordSent(
                                    HistoryEntry.Kind.BURST,
                                    name + " ×" + b.sent(),
                                    r,
                                    b.completed() + " done");
                            String rate =
                                    b.wallNanos() == 0
                                            ? ""
                                            : String.format(
                                                    Locale.ROOT,
                                                    " in %.2f s (%,.0f requests/s)",
                                                    b.wallNanos() / 1e9,
                                                    b.completed() / (b.wallNanos() / 1e9));
                            String text =
                                    String.format(
                                                    Locale.ROOT,
                                                    "Burst of %,d: %,d completed",
                                                    b.sent(),
                                                    b.completed())
                                            + rate
                                            + ". Statuses: "
                                            + histogram(log.stats().statuses())
                                            + ".";
                            if (b.waiting() > 0) {
                                warning(
                                        text
                                                + " "
                                                + b.waiting()
                                                + " request(s) wait for the virtual clock: advance it.");
                            } else if (b.cancelled()) {
                                warning(text + " (stopped early)");
                            } else {
                                success(text);
                            }
                            status.set(running.get() ? "Running · burst done" : "Not running");
                            result.complete(b);
                        },
                        ui);
        return result;
    }

    public void cancelBurst() {
        session.cancelBurst();
    }

    /** Moves the virtual clock by {@link #advanceByProperty()}: ticks and delayed replies fire. */
    public CompletableFuture<Void> advance() {
        long ms;
        try {
            ms = Durations.parseMillis(advanceBy.get());
        } catch (IllegalArgumentException e) {
            error("Advance: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return flushEdits()
                .thenCompose(v -> session.advance(ms))
                .handleAsync(
                        (v, err) -> {
                            if (err != null) {
                                error("Could not advance the clock: " + why(err));
                            } else {
                                virtualMillis.set(virtualMillis.get() + ms);
                                onExchanges();
                                info(
                                        "Virtual clock moved by "
                                                + Durations.format(ms)
                                                + " (now +"
                                                + Durations.format(virtualMillis.get())
                                                + "): due timers fired on their own threads.");
                                refreshSnapshot();
                            }
                            return null;
                        },
                        ui);
    }

    // ---- what comes back -----------------------------------------------------------------------

    /** On engine threads: keep only what the UI shows live, and hand it over per frame. */
    private void onTrace(TraceEvent e) {
        if (e instanceof LogEvent || e instanceof VmEvent || e instanceof TrapEvent) {
            traces.add(e);
        }
    }

    private void onTraces(List<TraceEvent> batch) {
        logs.append(batch);
        if (!bursting.get() && batch.stream().anyMatch(e -> !(e instanceof LogEvent))) {
            refreshSnapshot();
        }
    }

    /** Copies the latest exchanges and counts from the log (called at most once per frame). */
    private void onExchanges() {
        long now = System.nanoTime();
        if (bursting.get() && now - lastListUpdate < BURST_LIST_NANOS) {
            updateStats();
            return;
        }
        lastListUpdate = now;
        List<RecordedExchange> recent = log.recent();
        RecordedExchange keep = selected.get();
        java.util.ArrayList<RecordedExchange> newestFirst = new java.util.ArrayList<>(recent);
        java.util.Collections.reverse(newestFirst);
        if (!bursting.get()) {
            // Requests still in flight first (newest on top), as "waiting".
            List<RecordedExchange> waiting = new java.util.ArrayList<>(session.pending());
            java.util.Collections.reverse(waiting);
            newestFirst.addAll(0, waiting);
        }
        exchanges.setAll(newestFirst);
        if (keep != null && exchanges.contains(keep)) {
            selected.set(keep);
        } else if (keep != null && keep.pending()) {
            // The same stream: its newer events, or its full exchange once complete.
            long id = keep.exchange().streamId();
            exchanges.stream()
                    .filter(x -> x.exchange().streamId() == id)
                    .findFirst()
                    .ifPresent(selected::set);
        }
        updateStats();
    }

    private void updateStats() {
        ExchangeLog.Stats s = log.stats();
        stats.set(
                String.format(Locale.ROOT, "%,d request(s)", s.total())
                        + " · "
                        + histogram(s.statuses())
                        + (s.localReplies() > 0
                                ? String.format(
                                        Locale.ROOT, " · %,d local repl(ies)", s.localReplies())
                                : "")
                        + (s.traps() > 0
                                ? String.format(Locale.ROOT, " · %,d trap(s)", s.traps())
                                : "")
                        + (s.total() > ExchangeLog.KEEP
                                ? " · details kept for the latest " + ExchangeLog.KEEP
                                : ""));
    }

    static String histogram(Map<Integer, Long> statuses) {
        if (statuses.isEmpty()) {
            return "none";
        }
        return statuses.entrySet().stream()
                .map(
                        e ->
                                (e.getKey() == 0 ? "reset" : e.getKey().toString())
                                        + String.format(Locale.ROOT, " ×%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void showExchange(RecordedExchange x) {
        response.show(x);
        timeline.show(x);
        diff.show(x);
        vms.highlight(x);
    }

    /** Asks every thread for its VMs, metrics and shared state, off the UI thread. */
    public CompletableFuture<Void> refreshSnapshot() {
        if (!session.running()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.snapshot()
                .handleAsync(
                        (PlaygroundSnapshot s, Throwable err) -> {
                            if (s != null) {
                                vms.update(s, log.stats().workers());
                                metrics.update(s);
                                shared.update(s);
                            }
                            return null;
                        },
                        ui);
    }

    // ---- messages ------------------------------------------------------------------------------

    public void info(String text) {
        message.set(new Message(Message.Kind.INFO, text));
    }

    public void success(String text) {
        message.set(new Message(Message.Kind.SUCCESS, text));
    }

    public void warning(String text) {
        message.set(new Message(Message.Kind.WARNING, text));
    }

    public void error(String text) {
        message.set(new Message(Message.Kind.ERROR, text));
    }

    public void clearMessage() {
        message.set(Message.NONE);
    }

    static String plain(Throwable t) {
        return ModuleLibraryViewModel.plain(t);
    }

    @Override
    public void close() {
        if (pendingApply != null) {
            pendingApply.cancel(false);
        }
        if (burstPoller != null) {
            burstPoller.cancel(false);
        }
        session.close();
    }

    // ---- accessors -----------------------------------------------------------------------------

    public ModuleLibraryViewModel modules() {
        return modules;
    }

    public ChainViewModel chain() {
        return chain;
    }

    public RequestViewModel request() {
        return request;
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

    public ExchangeLog exchangeLog() {
        return log;
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public ObjectProperty<Machine> machineProperty() {
        return machine;
    }

    public ObjectProperty<Scenario.ClockMode> clockProperty() {
        return clock;
    }

    public IntegerProperty burstCountProperty() {
        return burstCount;
    }

    public StringProperty advanceByProperty() {
        return advanceBy;
    }

    public LongProperty virtualMillisProperty() {
        return virtualMillis;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty statsProperty() {
        return stats;
    }

    public ObjectProperty<Message> messageProperty() {
        return message;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty startingProperty() {
        return starting;
    }

    public BooleanProperty burstingProperty() {
        return bursting;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObservableList<RecordedExchange> exchanges() {
        return exchanges;
    }

    public ObjectProperty<RecordedExchange> selectedProperty() {
        return selected;
    }

    public Path file() {
        return file;
    }
}
