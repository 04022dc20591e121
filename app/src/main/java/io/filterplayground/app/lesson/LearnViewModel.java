package io.filterplayground.app.lesson;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonCatalog;
import io.filterplayground.app.learn.ProgressStore;
import io.filterplayground.app.workspace.WorkspaceViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Learn mode in the window: the lessons browser (the built-in lessons and those opened from disk,
 * each with its progress), the first-run welcome that offers lesson 1 or the demo, and the lesson
 * being done ({@link LessonViewModel}). Called on the UI thread.
 */
public final class LearnViewModel {
    private final WorkspaceViewModel vm;
    private final ProgressStore store;
    private final FirstRun firstRun;
    private final LessonViewModel lesson;
    private final ObservableList<LessonCard> cards = FXCollections.observableArrayList();
    private final List<Lesson> fromDisk = new ArrayList<>();
    private final BooleanProperty browsing = new SimpleBooleanProperty();
    private final BooleanProperty welcoming = new SimpleBooleanProperty();
    private List<Lesson> builtIn;

    public LearnViewModel(
            WorkspaceViewModel vm,
            ProgressStore store,
            FirstRun firstRun,
            Executor ui,
            ScheduledExecutorService timer) {
        this.vm = vm;
        this.store = store;
        this.firstRun = firstRun;
        this.lesson = new LessonViewModel(vm, store, ui, timer, Clock.systemUTC());
        lesson.setOnChange(this::refreshCards);
    }

    /** On the first run, the welcome shows; returns whether it does. */
    public boolean welcomeIfFirstRun() {
        welcoming.set(firstRun.isFirst());
        return welcoming.get();
    }

    /** The welcome's "Start lesson 1". */
    public CompletableFuture<Void> welcomeStartLesson() {
        answerWelcome();
        List<Lesson> all = builtIn();
        return all.isEmpty() ? CompletableFuture.completedFuture(null) : start(all.get(0));
    }

    /** The welcome's "Explore the demo": the demo is already open. */
    public void welcomeExploreDemo() {
        answerWelcome();
    }

    /** The welcome's "Browse lessons". */
    public void welcomeBrowse() {
        answerWelcome();
        showBrowser();
    }

    private void answerWelcome() {
        welcoming.set(false);
        firstRun.welcomed();
    }

    public void showBrowser() {
        refreshCards();
        browsing.set(true);
    }

    public void hideBrowser() {
        browsing.set(false);
    }

    /** Starts a lesson from the browser (or the welcome); the browser closes. */
    public CompletableFuture<Void> start(Lesson l) {
        browsing.set(false);
        return lesson.start(l);
    }

    /**
     * "Open lesson…": a teacher's {@code lesson.md} (or its folder) from disk. It joins the browser
     * and starts; a bad file says why in one line and changes nothing.
     */
    public CompletableFuture<Void> open(Path path) {
        Lesson l;
        try {
            l = LessonCatalog.open(path);
        } catch (RuntimeException e) {
            vm.messages().error("Could not open the lesson: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        fromDisk.removeIf(x -> x.id().equals(l.id()));
        fromDisk.add(l);
        refreshCards();
        return start(l);
    }

    /** Forgets a lesson's progress (the browser's Reset); the open lesson starts over. */
    public CompletableFuture<Void> reset(Lesson l) {
        Lesson open = lesson.lessonProperty().get();
        if (open != null && open.id().equals(l.id())) {
            return lesson.reset();
        }
        store.reset(l.id());
        refreshCards();
        return CompletableFuture.completedFuture(null);
    }

    /** Leaves the lesson and opens the built-in demo again. */
    public CompletableFuture<Void> backToDemo() {
        lesson.stop();
        browsing.set(false);
        return vm.openDemo();
    }

    /** Leaves the lesson; the playground keeps its scenario to play on. */
    public void closeLesson() {
        lesson.stop();
    }

    void refreshCards() {
        List<LessonCard> out = new ArrayList<>();
        for (Lesson l : builtIn()) {
            out.add(card(l, false));
        }
        for (Lesson l : fromDisk) {
            out.add(card(l, true));
        }
        cards.setAll(out);
    }

    private LessonCard card(Lesson l, boolean disk) {
        java.util.Set<String> met = store.load(l.id());
        long n = l.steps().stream().filter(s -> met.contains(s.id())).count();
        return new LessonCard(l, (int) n, disk);
    }

    /** The built-in lessons, read once; a broken one is said, and the others still show. */
    private List<Lesson> builtIn() {
        if (builtIn == null) {
            try {
                builtIn = LessonCatalog.builtIn();
            } catch (RuntimeException e) {
                vm.messages().error("Could not read the built-in lessons: " + e.getMessage());
                builtIn = List.of();
            }
        }
        return builtIn;
    }

    public ObservableList<LessonCard> cards() {
        return cards;
    }

    public BooleanProperty browsingProperty() {
        return browsing;
    }

    public BooleanProperty welcomingProperty() {
        return welcoming;
    }

    public LessonViewModel lesson() {
        return lesson;
    }
}
