package io.filterplayground.app.learn;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.trace.TraceEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Checks a lesson's steps live against what the engine reports. Feed it from any thread: every
 * trace event ({@link #onTrace}), every finished request or connection ({@link #onExchange}, {@link
 * #onConnection}; their events are read too, so a caller that saw no live events still gets them,
 * and one that did is not counted twice), clock moves ({@link #onAdvance}) and engine restarts
 * ({@link #onRestart}). A step is met once all its goals have been met, in any order, and stays
 * met; the current step is the first one not met, and its hint is due {@code hintAfterMillis} after
 * it became current. Listeners hear each step met, on the thread that fed the event.
 */
public final class LessonChecker {
    private final Lesson lesson;
    private final Clock clock;
    private final List<List<Tracker>> trackers = new ArrayList<>();
    private final Set<String> met = new LinkedHashSet<>();
    private final List<Consumer<Step>> listeners = new CopyOnWriteArrayList<>();
    private long currentSince;

    public LessonChecker(Lesson lesson) {
        this(lesson, Clock.systemUTC());
    }

    /** With the clock that times hints (a fixed one in tests). */
    public LessonChecker(Lesson lesson, Clock clock) {
        this.lesson = lesson;
        this.clock = clock;
        for (Step s : lesson.steps()) {
            trackers.add(s.goals().stream().map(Goal::tracker).toList());
        }
        currentSince = clock.millis();
    }

    public Lesson lesson() {
        return lesson;
    }

    /** Hears each step as it is met (not those restored by {@link #restore}). */
    public void addListener(Consumer<Step> onMet) {
        listeners.add(onMet);
    }

    public void onTrace(TraceEvent e) {
        feed(t -> t.trace(e));
    }

    public void onExchange(Exchange x) {
        feed(
                t -> {
                    x.events().forEach(t::trace);
                    t.exchange(x);
                });
    }

    public void onConnection(ConnectionResult c) {
        feed(
                t -> {
                    c.events().forEach(t::trace);
                    t.connection(c);
                });
    }

    public void onAdvance(long millis) {
        feed(t -> t.advanced(millis));
    }

    /** The engine restarted (an edit, a new worker count): VMs start again. */
    public void onRestart() {
        feed(Tracker::restarted);
    }

    /** Marks steps met without checking them: progress kept from an earlier session. */
    public synchronized void restore(Collection<String> stepIds) {
        for (Step s : lesson.steps()) {
            if (stepIds.contains(s.id())) {
                met.add(s.id());
            }
        }
        currentSince = clock.millis();
    }

    /** Forgets every step met and starts the checks again. */
    public synchronized void reset() {
        met.clear();
        List<Step> steps = lesson.steps();
        for (int i = 0; i < steps.size(); i++) {
            trackers.set(i, steps.get(i).goals().stream().map(Goal::tracker).toList());
        }
        currentSince = clock.millis();
    }

    public synchronized boolean isMet(Step s) {
        return met.contains(s.id());
    }

    /** The ids of the steps met so far, in the order they were met. */
    public synchronized Set<String> metIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(met));
    }

    public synchronized boolean complete() {
        return met.size() == lesson.steps().size();
    }

    /** The first step not met yet, or null when the lesson is complete. */
    public synchronized Step current() {
        return lesson.steps().stream().filter(s -> !met.contains(s.id())).findFirst().orElse(null);
    }

    /** Whether the current step's hint should show now. */
    public synchronized boolean hintDue() {
        Step s = current();
        return s != null
                && !s.hint().isEmpty()
                && clock.millis() - currentSince >= s.hintAfterMillis();
    }

    /** For each goal of {@code s}: whether it is met, and what was seen, in plain words. */
    public synchronized List<GoalState> goals(Step s) {
        List<Tracker> ts = trackers.get(s.number() - 1);
        List<GoalState> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            out.add(new GoalState(s.goals().get(i), ts.get(i).met(), ts.get(i).evidence()));
        }
        return out;
    }

    /** One goal of a step, as the checker sees it now. */
    public record GoalState(Goal goal, boolean met, String evidence) {}

    private void feed(Consumer<Tracker> f) {
        List<Step> newlyMet = new ArrayList<>();
        synchronized (this) {
            Step before = current();
            List<Step> steps = lesson.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (met.contains(s.id())) {
                    continue;
                }
                boolean all = true;
                for (Tracker t : trackers.get(i)) {
                    if (!t.met()) {
                        f.accept(t);
                    }
                    all &= t.met();
                }
                if (all) {
                    met.add(s.id());
                    newlyMet.add(s);
                }
            }
            if (current() != before) {
                currentSince = clock.millis();
            }
        }
        for (Step s : newlyMet) {
            listeners.forEach(l -> l.accept(s));
        }
    }
}
