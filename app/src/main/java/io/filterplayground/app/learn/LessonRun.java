package io.filterplayground.app.learn;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.ConnectionRun;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Variables;
import io.filterplayground.engine.trace.TraceSink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A lesson played headless, the way a learner plays it in the window: the lesson's scenario starts,
 * then each {@link Action} is done on the running playground (a send waits for its responses, an
 * advance moves the virtual clock and lets paused requests finish, an edit restarts the engine on
 * the edited scenario), and everything the engine reports goes to the {@link LessonChecker}. What
 * each action produced comes back as lines for the command line.
 */
public final class LessonRun implements AutoCloseable {
    private final Playground.Options options;
    private final LessonChecker checker;
    private final TraceSink sink;
    private final List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<ConnectionResult> connections = new ArrayList<>();
    private Scenario scenario;
    private Playground playground;
    private long serial;

    private LessonRun(
            Scenario scenario, Playground.Options options, LessonChecker checker, TraceSink also) {
        this.scenario = scenario;
        this.options = options;
        this.checker = checker;
        this.sink =
                e -> {
                    checker.onTrace(e);
                    also.accept(e);
                };
    }

    /** Starts the lesson's scenario, reporting to {@code checker}. */
    public static LessonRun start(Playground.Options options, LessonChecker checker) {
        return start(options, checker, TraceSink.NONE);
    }

    /** As {@link #start(Playground.Options, LessonChecker)}; {@code also} hears every event. */
    public static LessonRun start(
            Playground.Options options, LessonChecker checker, TraceSink also) {
        LessonRun run = new LessonRun(checker.lesson().scenario(), options, checker, also);
        run.playground = Playground.start(run.scenario, options, run.sink);
        return run;
    }

    /** The requests finished so far, in the order they finished. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The connections finished so far. */
    public List<ConnectionResult> connections() {
        return List.copyOf(connections);
    }

    /** The running engine's VMs, metrics, shared data and queues. */
    public PlaygroundSnapshot snapshot() {
        return playground.snapshot();
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Does every action of {@code step}; {@code out} hears what each produced. */
    public void perform(Step step, Consumer<String> out) throws InterruptedException {
        for (Action a : step.actions()) {
            perform(a, out);
        }
    }

    /** Does one action; {@code out} hears what it produced, one line each. */
    public void perform(Action action, Consumer<String> out) throws InterruptedException {
        if (action instanceof Action.Send s) {
            send(request(s.request()), out);
        } else if (action instanceof Action.Advance a) {
            playground.advance(a.millis());
            playground.awaitIdle(5000);
            checker.onAdvance(a.millis());
            out.accept("advanced the clock by " + a.millis() + " ms");
            finished(out);
        } else if (action instanceof Action.Connect c) {
            for (RunResult.Connected r : ConnectionRun.run(playground, connection(c))) {
                connections.add(r.result());
                checker.onConnection(r.result());
                out.accept(
                        "connection \""
                                + r.result().name()
                                + "\" on "
                                + r.result().worker()
                                + ": closed by "
                                + r.result().closedBy());
            }
        } else if (action instanceof Action.Edit e) {
            restart(Edits.apply(scenario, e), e.describe(), out);
        } else if (action instanceof Action.Workers w) {
            restart(scenario.withWorkers(w.count()), w.describe(), out);
        }
    }

    private void send(RequestSpec spec, Consumer<String> out) throws InterruptedException {
        Variables vars = scenario.expander();
        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < spec.repeat(); i++) {
            HttpRequest r = vars.expand(spec.request(), i, serial++);
            futures.add(playground.send(spec.name(), r, spec.worker()));
        }
        ScenarioRunner.settle(playground, futures);
        // What the requests set off after their answers (queue deliveries on the main thread,
        // access logs) is part of what the learner did.
        playground.awaitIdle(5000);
        waiting.addAll(futures);
        finished(out);
        if (!waiting.isEmpty()) {
            out.accept(waiting.size() + " request(s) still waiting (paused, or for the clock)");
        }
    }

    /** Hands the requests that have finished to the checker. */
    private void finished(Consumer<String> out) {
        for (Iterator<CompletableFuture<Exchange>> it = waiting.iterator(); it.hasNext(); ) {
            Exchange x = it.next().getNow(null);
            if (x != null) {
                it.remove();
                exchanges.add(x);
                checker.onExchange(x);
                out.accept(Describe.outcome(x));
            }
        }
    }

    private void restart(Scenario edited, String what, Consumer<String> out) {
        playground.close();
        finished(out);
        scenario = edited;
        checker.onRestart();
        playground = Playground.start(scenario, options, sink);
        out.accept(what + "; the engine restarted");
    }

    private RequestSpec request(String name) {
        return scenario.requests().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new EngineException(
                                        "the lesson's scenario has no request named '"
                                                + name
                                                + "' (requests: "
                                                + scenario.requests().stream()
                                                        .map(RequestSpec::name)
                                                        .toList()
                                                + ")"));
    }

    private ConnectionSpec connection(Action.Connect c) {
        return scenario.connections().stream()
                .filter(x -> x.name().equals(c.connection()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new EngineException(
                                        "the lesson's scenario has no connection named '"
                                                + c.connection()
                                                + "'"));
    }

    @Override
    public void close() {
        if (playground != null) {
            playground.close();
            playground = null;
        }
    }
}
