package io.filterplayground.app.lesson;

import io.filterplayground.app.chain.ChainViewModel;
import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonChecker;
import io.filterplayground.app.learn.Pointer;
import io.filterplayground.app.learn.ProgressStore;
import io.filterplayground.app.learn.Step;
import io.filterplayground.app.timeline.TimelineRow;
import io.filterplayground.app.workspace.EngineWatcher;
import io.filterplayground.app.workspace.RecordedExchange;
import io.filterplayground.app.workspace.WorkspaceViewModel;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceEvent;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lesson the learner is doing in the window: its scenario open in the playground, its steps
 * checked live from what the engine reports ({@link LessonChecker}), ticked off as they are met and
 * kept in the {@link ProgressStore}, the current step's hint once it is due, and where the window
 * should look for the current step (its {@link Pointer}: the filter, request and timeline row are
 * selected here; the view selects the tab and highlights the panel). Called on the UI thread.
 */
public final class LessonViewModel {
    /** How often the hint's timer and the current step's goals are looked at. */
    static final long TICK_MILLIS = 500;

    private final WorkspaceViewModel vm;
    private final ProgressStore store;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final LessonActions actions;
    private final Watcher watcher = new Watcher();

    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StepState> steps = FXCollections.observableArrayList();
    private final ObjectProperty<StepState> current = new SimpleObjectProperty<>();
    private final IntegerProperty metCount = new SimpleIntegerProperty();
    private final BooleanProperty complete = new SimpleBooleanProperty();
    private final ObjectProperty<Pointer> pointer = new SimpleObjectProperty<>();
    private final BooleanProperty doing = new SimpleBooleanProperty();
    private volatile LessonChecker checker;
    private ScheduledFuture<?> ticking;
    private Runnable onChange = () -> {};

    public LessonViewModel(
            WorkspaceViewModel vm,
            ProgressStore store,
            Executor ui,
            ScheduledExecutorService timer,
            Clock clock) {
        this.vm = vm;
        this.store = store;
        this.ui = ui;
        this.timer = timer;
        this.clock = clock;
        this.actions = new LessonActions(vm, timer);
    }

    /** Called when progress changes (the browser's cards follow it). */
    void setOnChange(Runnable r) {
        onChange = r;
    }

    /**
     * Opens {@code l}: its scenario in the playground and its steps, those met before ticked. A
     * lesson whose scenario cannot load leaves the playground as it was and says why.
     */
    public CompletableFuture<Void> start(Lesson l) {
        Scenario scenario;
        try {
            scenario = l.scenario();
        } catch (RuntimeException e) {
            vm.messages()
                    .error("Could not open the lesson \"" + l.title() + "\": " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        stop();
        LessonChecker c = new LessonChecker(l, clock);
        c.restore(store.load(l.id()));
        c.addListener(s -> ui.execute(() -> met(s)));
        checker = c;
        steps.setAll(l.steps().stream().map(StepState::new).toList());
        lesson.set(l);
        refresh();
        vm.watch(watcher);
        ticking =
                timer.scheduleAtFixedRate(
                        () -> ui.execute(this::tick),
                        TICK_MILLIS,
                        TICK_MILLIS,
                        TimeUnit.MILLISECONDS);
        return vm.open(scenario, "lesson: " + l.title())
                .thenRunAsync(
                        () -> {
                            vm.messages()
                                    .info(
                                            (complete.get()
                                                            ? "Lesson done before; reset it to do"
                                                                    + " it again: "
                                                            : "Lesson started: ")
                                                    + l.title());
                            pointAtCurrent();
                        },
                        ui);
    }

    /** Leaves the lesson (the playground keeps its scenario). */
    public void stop() {
        dispose();
        lesson.set(null);
        steps.clear();
        current.set(null);
        pointer.set(null);
        metCount.set(0);
        complete.set(false);
    }

    /** Stops following the engine and the hint's timer, from any thread (the window closes). */
    public void dispose() {
        vm.unwatch(watcher);
        ScheduledFuture<?> t = ticking;
        ticking = null;
        if (t != null) {
            t.cancel(false);
        }
        checker = null;
    }

    /** Forgets the lesson's progress and starts it again from its own scenario. */
    public CompletableFuture<Void> reset() {
        Lesson l = lesson.get();
        if (l == null) {
            return CompletableFuture.completedFuture(null);
        }
        store.reset(l.id());
        onChange.run();
        return start(l);
    }

    /** Does the current step's actions with the window's controls ("Do it for me"). */
    public CompletableFuture<Void> doCurrentStep() {
        StepState s = current.get();
        if (s == null || doing.get()) {
            return CompletableFuture.completedFuture(null);
        }
        doing.set(true);
        return actions.perform(s.step().actions(), ui)
                .whenCompleteAsync((v, err) -> doing.set(false), ui);
    }

    /** Shows the hint of the current step now. */
    public void showHint() {
        StepState s = current.get();
        if (s != null) {
            s.hintShownProperty().set(true);
        }
    }

    /** Points the window at the current step again ("Show me"). */
    public void pointAtCurrent() {
        StepState s = current.get();
        pointAt(s == null ? Pointer.NONE : s.step().show());
    }

    /** Selects the pointer's filter, request and timeline row; the view does its tab and panel. */
    void pointAt(Pointer p) {
        if (p.filter() != null) {
            selectFilter(p.filter());
        }
        if (p.request() != null) {
            vm.exchanges().stream()
                    .filter(x -> !x.pending() && p.request().equals(x.name()))
                    .findFirst()
                    .ifPresent(vm.selectedProperty()::set);
        }
        if (p.callback() != null) {
            vm.timeline().rows().stream()
                    .filter(r -> r.kind() == TimelineRow.Kind.CALLBACK)
                    .filter(r -> p.callback().equals(r.detail()))
                    .filter(r -> p.filter() == null || p.filter().equals(r.filter()))
                    .findFirst()
                    .ifPresent(vm.timeline().selectedProperty()::set);
        }
        // A new value each time, so that the same pointer points again.
        pointer.set(null);
        pointer.set(p);
    }

    private void selectFilter(String name) {
        for (ChainViewModel chain : new ChainViewModel[] {vm.chain(), vm.chain().tcpListener()}) {
            for (FilterItem f : chain.items()) {
                if (f.nameProperty().get().equals(name)) {
                    chain.selectedProperty().set(f);
                    return;
                }
            }
        }
        for (FilterItem f : vm.chain().loggers().items()) {
            if (f.nameProperty().get().equals(name)) {
                vm.chain().loggers().selectedProperty().set(f);
            }
        }
    }

    /** A step was met: ticked, kept, said, and the window points at the next one. */
    private void met(Step s) {
        LessonChecker c = checker;
        Lesson l = lesson.get();
        if (c == null || l == null || c.lesson() != l) {
            return;
        }
        store.save(l.id(), c.metIds());
        refresh();
        onChange.run();
        if (complete.get()) {
            vm.messages().success("Lesson complete: " + l.title() + ". Every step is done.");
        } else {
            vm.messages().success("Step " + s.number() + " done: " + s.goal());
        }
        pointAtCurrent();
    }

    private void refresh() {
        LessonChecker c = checker;
        if (c == null) {
            return;
        }
        Step now = c.current();
        StepState cur = null;
        int n = 0;
        for (StepState st : steps) {
            boolean isMet = c.isMet(st.step());
            st.metProperty().set(isMet);
            boolean isCurrent = Objects.equals(now, st.step());
            st.currentProperty().set(isCurrent);
            st.goalsProperty().set(c.goals(st.step()));
            if (isCurrent) {
                cur = st;
            }
            n += isMet ? 1 : 0;
        }
        metCount.set(n);
        complete.set(c.complete());
        current.set(cur);
    }

    /** The hint comes due; the current step's goals show what has happened so far. */
    private void tick() {
        LessonChecker c = checker;
        StepState s = current.get();
        if (c == null || s == null) {
            return;
        }
        if (c.hintDue()) {
            s.hintShownProperty().set(true);
        }
        s.goalsProperty().set(c.goals(s.step()));
    }

    /** Feeds the checker from the engine's threads; the checker is thread-safe. */
    private final class Watcher implements EngineWatcher {
        @Override
        public void onTrace(TraceEvent event) {
            LessonChecker c = checker;
            if (c != null) {
                c.onTrace(event);
            }
        }

        @Override
        public void onExchange(RecordedExchange x) {
            LessonChecker c = checker;
            if (c == null) {
                return;
            }
            if (x.isConnection()) {
                c.onConnection(x.connection());
            } else {
                c.onExchange(x.exchange());
            }
        }

        @Override
        public void onAdvance(long millis) {
            LessonChecker c = checker;
            if (c != null) {
                c.onAdvance(millis);
            }
        }

        @Override
        public void onRestart() {
            LessonChecker c = checker;
            if (c != null) {
                c.onRestart();
            }
        }
    }

    // ---- what the view binds to ----------------------------------------------------------------

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    public ObservableList<StepState> steps() {
        return steps;
    }

    public ObjectProperty<StepState> currentProperty() {
        return current;
    }

    public IntegerProperty metCountProperty() {
        return metCount;
    }

    public BooleanProperty completeProperty() {
        return complete;
    }

    /** Where the window should look now: the view selects its tab and highlights its panel. */
    public ObjectProperty<Pointer> pointerProperty() {
        return pointer;
    }

    /** True while "Do it for me" is doing the step. */
    public BooleanProperty doingProperty() {
        return doing;
    }

    /** The checker of the lesson open now (null when none): for tests and the command line. */
    public LessonChecker checker() {
        return checker;
    }
}
