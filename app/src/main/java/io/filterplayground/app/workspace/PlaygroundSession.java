package io.filterplayground.app.workspace;

import io.filterplayground.engine.ConnectionHandle;
import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The engine session on a real {@link Playground}. Starting and closing it, sends, connects, clock
 * moves and snapshots go through one control thread (so a restart and the send after it keep their
 * order); a burst runs on its own thread, and so does the client of a connection between its steps.
 * Completed exchanges land in the {@link ExchangeLog} and are announced to the listener.
 */
public final class PlaygroundSession implements EngineSession {
    private final ExecutorService control =
            Executors.newSingleThreadExecutor(daemon("engine-control"));
    private final ExecutorService burster =
            Executors.newSingleThreadExecutor(daemon("engine-burst"));
    private final ExecutorService client =
            Executors.newSingleThreadExecutor(daemon("engine-tcp-client"));
    private final ExchangeLog log;
    private final Listener listener;
    private final LiveStreams streams = new LiveStreams();
    private final BurstRunner bursts = new BurstRunner();
    private final TraceSink sink;
    private volatile Playground playground;
    private volatile List<Breakpoint> breakpoints = List.of();
    private volatile CompletableFuture<BurstResult> burst = CompletableFuture.completedFuture(null);

    public PlaygroundSession(ExchangeLog log, Listener listener) {
        this.log = log;
        this.listener = listener;
        this.sink = streams.capture(listener::onTrace);
    }

    @Override
    public CompletableFuture<Void> restart(Scenario scenario, Playground.Options options) {
        return CompletableFuture.runAsync(
                () -> {
                    stopBurst();
                    closeCurrent();
                    streams.clear();
                    Playground p = Playground.start(scenario, options, sink);
                    p.debugger().setBreakpoints(breakpoints);
                    p.debugger().onPause(listener::onPause);
                    streams.startedOn(p);
                    playground = p;
                },
                control);
    }

    @Override
    public void setBreakpoints(List<Breakpoint> bs) {
        breakpoints = List.copyOf(bs);
        Playground p = playground;
        if (p != null) {
            p.debugger().setBreakpoints(breakpoints);
        }
    }

    @Override
    public void resumeStopped() {
        Playground p = playground;
        if (p != null) {
            p.debugger().waiting().forEach(pause -> pause.resume(null));
        }
    }

    @Override
    public CompletableFuture<RecordedExchange> send(
            String name, HttpRequest request, Integer worker) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            Playground p = require();
                            CompletableFuture<Exchange> f = p.send(name, request, worker);
                            streams.follow(p.lastStreamId(), name, request, f);
                            return f.thenApply(x -> record(x, p));
                        },
                        control)
                .thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<RecordedExchange> connect(
            String name, List<ConnectionStep> steps, Integer worker) {
        record Opened(Playground playground, ConnectionHandle handle) {}
        return CompletableFuture.supplyAsync(
                        () -> {
                            Playground p = require();
                            ConnectionHandle h = p.connect(name, worker);
                            streams.followConnection(h.id(), name, h.result());
                            return new Opened(p, h);
                        },
                        control)
                // The client waits between its steps (perhaps on a breakpoint): not on control.
                .thenComposeAsync(
                        o -> {
                            ConnectionClient.play(o.playground(), o.handle(), steps);
                            return o.handle().result().thenApply(c -> record(c, o.playground()));
                        },
                        client);
    }

    @Override
    public CompletableFuture<BurstResult> burst(
            String name, IntFunction<HttpRequest> request, int count, Consumer<Integer> sentSoFar) {
        CompletableFuture<BurstResult> f =
                CompletableFuture.supplyAsync(
                                () -> {
                                    Playground p = require();
                                    streams.pauseCapture();
                                    return p;
                                },
                                control)
                        .thenApplyAsync(
                                p -> {
                                    try {
                                        return bursts.run(
                                                p,
                                                name,
                                                request,
                                                count,
                                                sentSoFar,
                                                x -> record(x, p));
                                    } finally {
                                        streams.resumeCapture();
                                    }
                                },
                                burster);
        burst = f;
        return f;
    }

    @Override
    public void cancelBurst() {
        bursts.cancel();
    }

    private void stopBurst() {
        bursts.cancel();
        try {
            burst.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a failed or slow burst must not block the restart
        }
    }

    @Override
    public CompletableFuture<Void> advance(long millis) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        require().advance(millis);
                        playground.awaitIdle(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                },
                control);
    }

    @Override
    public CompletableFuture<PlaygroundSnapshot> snapshot() {
        if (control.isShutdown()) {
            return CompletableFuture.completedFuture(null); // the window is closing
        }
        return CompletableFuture.supplyAsync(() -> require().snapshot(), control);
    }

    @Override
    public boolean running() {
        return playground != null;
    }

    @Override
    public boolean virtualClock() {
        Playground p = playground;
        return p != null && p.virtualClock();
    }

    @Override
    public List<RecordedExchange> pending() {
        return streams.pending();
    }

    private RecordedExchange record(Exchange x, Playground from) {
        return recorded(streams.complete(x, from));
    }

    private RecordedExchange record(ConnectionResult c, Playground from) {
        return recorded(streams.complete(c, from));
    }

    private RecordedExchange recorded(RecordedExchange r) {
        log.add(r);
        listener.onExchange(r);
        return r;
    }

    private Playground require() {
        Playground p = playground;
        if (p == null) {
            throw new EngineException("the chain is not running");
        }
        return p;
    }

    private void closeCurrent() {
        Playground p = playground;
        playground = null;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        bursts.cancel();
        control.execute(this::closeCurrent);
        control.shutdown();
        burster.shutdownNow();
        client.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads that do not keep the JVM alive once the window is gone. */
    public static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
