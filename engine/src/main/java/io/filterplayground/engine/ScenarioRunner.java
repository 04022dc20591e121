package io.filterplayground.engine;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.Variables;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a scenario's steps headless: each request step is sent (a {@code repeat} burst goes out at
 * once, spread over the workers) and waited for; advance steps move the virtual clock. Streams
 * still paused at the end meet Envoy's idle timeout. Then the TCP listener's connections (of {@code
 * listener: tcp}, or an http scenario's {@code tcpListener:}) run one after another, each with its
 * own steps ({@link ConnectionRun}).
 */
public final class ScenarioRunner {
    /** On a real clock, how long to wait for armed timers to resume paused streams. */
    private static final long REAL_CLOCK_SETTLE_MILLIS = 5000;

    private ScenarioRunner() {}

    public static RunResult run(Scenario scenario, Playground.Options options, TraceSink extra)
            throws InterruptedException {
        return run(scenario, options, extra, debugger -> {});
    }

    /** As {@link #run(Scenario, Playground.Options, TraceSink)}, with breakpoints set first. */
    public static RunResult run(
            Scenario scenario,
            Playground.Options options,
            TraceSink extra,
            Consumer<Debugger> debug)
            throws InterruptedException {
        List<LogEvent> logs = Collections.synchronizedList(new ArrayList<>());
        List<TraceEvent> outside = Collections.synchronizedList(new ArrayList<>());
        TraceSink sink =
                e -> {
                    if (e instanceof LogEvent l && !l.suppressed()) {
                        logs.add(l);
                    }
                    if (e.streamId() == 0
                            && !(e instanceof io.filterplayground.engine.trace.HostCallEvent)) {
                        outside.add(e);
                    }
                    extra.accept(e);
                };
        long t0 = System.nanoTime();
        List<RunResult.Sent> sent = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Variables variables = scenario.expander();
        long serial = 0;
        try (Playground p = Playground.start(scenario, options, sink)) {
            debug.accept(p.debugger());
            for (Step step : scenario.steps()) {
                if (step instanceof Step.Advance a) {
                    p.advance(a.millis());
                } else if (step instanceof Step.Send s) {
                    RequestSpec spec = s.request();
                    List<CompletableFuture<Exchange>> futures = new ArrayList<>();
                    for (int i = 0; i < spec.repeat(); i++) {
                        HttpRequest r = variables.expand(spec.request(), i, serial++);
                        futures.add(p.send(spec.name(), r, spec.worker()));
                    }
                    settle(p, futures);
                    if (spec.advanceMillis() > 0) {
                        p.advance(spec.advanceMillis());
                    }
                    for (CompletableFuture<Exchange> f : futures) {
                        pending.add(new Pending(spec, f));
                    }
                }
            }
            List<RunResult.Connected> connected = new ArrayList<>();
            for (ConnectionSpec c : scenario.connections()) {
                connected.addAll(ConnectionRun.run(p, c));
            }
            p.awaitIdle(30_000);
            p.expireOpenStreams();
            for (Pending pd : pending) {
                Exchange x = pd.future.getNow(null);
                if (x != null) {
                    sent.add(new RunResult.Sent(pd.spec, x));
                }
            }
            sent.sort(Comparator.comparingInt(x -> x.exchange().index()));
            PlaygroundSnapshot snapshot = p.snapshot();
            synchronized (logs) {
                logs.sort(Comparator.comparingLong(LogEvent::seq));
            }
            synchronized (outside) {
                outside.sort(Comparator.comparingLong(TraceEvent::seq));
            }
            return new RunResult(
                    scenario,
                    List.copyOf(sent),
                    List.copyOf(connected),
                    List.copyOf(logs),
                    List.copyOf(outside),
                    snapshot,
                    System.nanoTime() - t0);
        }
    }

    private record Pending(RequestSpec spec, CompletableFuture<Exchange> future) {}

    /**
     * Waits until every future is done, or the playground is quiet with nothing left that could
     * move it: on a virtual clock only an advance can, on a real clock armed timers can.
     */
    public static void settle(Playground p, List<CompletableFuture<Exchange>> futures)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + REAL_CLOCK_SETTLE_MILLIS;
        while (true) {
            if (futures.stream().allMatch(CompletableFuture::isDone)) {
                return;
            }
            p.awaitIdle(50);
            if (p.idle()) {
                if (futures.stream().allMatch(CompletableFuture::isDone)) {
                    return;
                }
                if (p.virtualClock()
                        || p.armedTimers() == 0
                        || System.currentTimeMillis() > deadline) {
                    return;
                }
                Thread.sleep(10);
            }
        }
    }
}
