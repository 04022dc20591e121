package io.filterplayground.app.workspace;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.http.HttpResponse;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * An engine session that runs nothing: it notes what the workspace asked of it, in order, and
 * answers as told (a start that fails, how a burst ends). Each send completes at once with a plain
 * 200 from {@code worker-0} (each connection, closed by the upstream), recorded in the log as the
 * real session records it. For tests whose point is the ViewModels' logic; what the engine does is
 * tested against the real one.
 */
final class ScriptedSession implements EngineSession {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Scenario> started = Collections.synchronizedList(new ArrayList<>());
    volatile RuntimeException nextStartFailure;
    volatile BurstResult nextBurst;
    private final ExchangeLog log;
    private final Listener listener;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean running;

    ScriptedSession(ExchangeLog log, Listener listener) {
        this.log = log;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Void> restart(Scenario scenario, Playground.Options options) {
        calls.add("restart on " + scenario.workers() + " worker(s)");
        RuntimeException failure = nextStartFailure;
        nextStartFailure = null;
        running = failure == null;
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        started.add(scenario);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<RecordedExchange> send(
            String name, HttpRequest request, Integer worker) {
        calls.add("send " + name);
        if (!running) {
            return CompletableFuture.failedFuture(new EngineException("the chain is not running"));
        }
        int id = streams.incrementAndGet();
        HttpResponse ok =
                new HttpResponse(
                        200,
                        Headers.empty(),
                        new byte[0],
                        Headers.empty(),
                        false,
                        "via_upstream",
                        "",
                        false);
        Exchange x =
                new Exchange(
                        id, id - 1, name, "worker-0", request, ok, null, List.of(), Map.of(), 0);
        RecordedExchange r = new RecordedExchange(x, List.of());
        log.add(r);
        listener.onExchange(r);
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<RecordedExchange> connect(
            String name, List<ConnectionStep> steps, Integer worker) {
        calls.add("connect " + name + " ×" + steps.size() + " step(s)");
        if (!running) {
            return CompletableFuture.failedFuture(new EngineException("the chain is not running"));
        }
        int id = streams.incrementAndGet();
        byte[] none = new byte[0];
        RecordedExchange r =
                RecordedExchange.of(
                        new ConnectionResult(
                                id,
                                id - 1,
                                name,
                                "worker-0",
                                none,
                                none,
                                "upstream",
                                List.of(),
                                Map.of(),
                                0),
                        List.of(),
                        Map.of(),
                        null);
        log.add(r);
        listener.onExchange(r);
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<BurstResult> burst(
            String name, IntFunction<HttpRequest> request, int count, Consumer<Integer> sentSoFar) {
        calls.add("burst " + name + " ×" + count);
        sentSoFar.accept(count);
        return CompletableFuture.completedFuture(nextBurst);
    }

    @Override
    public void cancelBurst() {
        calls.add("cancel burst");
    }

    @Override
    public CompletableFuture<Void> advance(long millis) {
        calls.add("advance " + millis + " ms");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<PlaygroundSnapshot> snapshot() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setBreakpoints(List<Breakpoint> breakpoints) {
        calls.add("breakpoints " + breakpoints.size());
    }

    @Override
    public void resumeStopped() {
        calls.add("resume stopped");
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public boolean virtualClock() {
        return true;
    }

    @Override
    public List<RecordedExchange> pending() {
        return List.of();
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
