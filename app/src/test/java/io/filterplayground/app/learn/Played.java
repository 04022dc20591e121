package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A built-in lesson played step by step through the real engine, keeping every trace event, so a
 * test can check what the lesson's text says against what happened.
 */
final class Played implements AutoCloseable {
    final Lesson lesson;
    final LessonChecker checker;
    private final List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final LessonRun run;

    private Played(int n) {
        lesson = LessonCatalog.builtIn(n);
        checker = new LessonChecker(lesson);
        run = LessonRun.start(Playground.Options.defaults(), checker, events::add);
    }

    static Played lesson(int n) {
        return new Played(n);
    }

    /** Does step {@code k} (from 1) and checks that it is met. */
    Played step(int k) throws InterruptedException {
        Step s = lesson.steps().get(k - 1);
        run.perform(s, line -> {});
        assertThat(checker.isMet(s)).as("step %d: %s", k, checker.goals(s)).isTrue();
        return this;
    }

    /** Every event so far, in seq order. */
    List<TraceEvent> events() {
        synchronized (events) {
            List<TraceEvent> copy = new ArrayList<>(events);
            copy.sort(Comparator.comparingLong(TraceEvent::seq));
            return copy;
        }
    }

    /** The callbacks so far that match. */
    List<CallbackEvent> callbacks(Predicate<CallbackEvent> p) {
        return events().stream()
                .filter(CallbackEvent.class::isInstance)
                .map(CallbackEvent.class::cast)
                .filter(p)
                .toList();
    }

    /** Every finished exchange of that name, in the order they finished. */
    List<Exchange> exchanges(String name) {
        return run.exchanges().stream().filter(x -> x.name().equals(name)).toList();
    }

    /** The latest finished exchange of that name. */
    Exchange last(String name) {
        List<Exchange> xs = exchanges(name);
        assertThat(xs).as("exchanges named %s", name).isNotEmpty();
        return xs.get(xs.size() - 1);
    }

    ConnectionResult connection(String name) {
        return run.connections().stream()
                .filter(c -> c.name().equals(name))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    /** The Wasm VMs living on a thread now. */
    List<VmView> vms(String thread) {
        return run.snapshot().vms().stream()
                .filter(v -> v.thread().equals(thread) && v.kind().equals("wasm"))
                .toList();
    }

    /** The callbacks of one filter in one exchange, by name, in order. */
    static List<String> callbackNames(Exchange x, String filter) {
        return x.events().stream()
                .filter(CallbackEvent.class::isInstance)
                .map(CallbackEvent.class::cast)
                .filter(c -> c.filter().equals(filter))
                .map(CallbackEvent::name)
                .toList();
    }

    @Override
    public void close() {
        run.close();
    }
}
