package io.filterplayground.app.workspace;

import io.filterplayground.app.chain.FilterItem;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The running engine behind the window. Every engine operation runs off the UI thread: starting and
 * closing a {@link Playground}, sends, clock moves and snapshots go through one control thread (so
 * a restart and the send after it keep their order); a burst runs on its own thread. Completed
 * exchanges land in the {@link ExchangeLog} and are announced to a listener.
 */
public final class EngineSession implements AutoCloseable {
    /**
     * Requests of a burst in flight at once: enough to keep every worker busy, few enough to keep
     * memory flat and snapshots answering quickly.
     */
    static final int BURST_WINDOW = 64;

    /** How a burst ended. {@code waiting}: requests still paused on the virtual clock. */
    public record BurstResult(
            int sent, long completed, int waiting, long wallNanos, boolean cancelled) {}

    /** The chain's filter names (in order) and styles, as the timeline shows them. */
    private record ChainShape(
            Playground playground, List<String> names, Map<String, String> styles) {
        static final ChainShape NONE = new ChainShape(null, List.of(), Map.of());

        static ChainShape of(Playground p) {
            if (p == null) {
                return NONE;
            }
            List<String> names = new ArrayList<>();
            Map<String, String> styles = new HashMap<>();
            for (FilterSpec f : p.scenario().filters()) {
                if (f.enabled()) {
                    names.add(f.name());
                    styles.put(f.name(), FilterItem.styleOf(f));
                }
            }
            return new ChainShape(p, List.copyOf(names), Map.copyOf(styles));
        }
    }

    /** A single send still in flight: what was sent, to follow its stream live. */
    private record InFlight(String name, HttpRequest request) {}

    private final ExecutorService control =
            Executors.newSingleThreadExecutor(daemon("engine-control"));
    private final ExecutorService burster =
            Executors.newSingleThreadExecutor(daemon("engine-burst"));
    private final TraceSink sink;
    private final ExchangeLog log;
    private final Consumer<RecordedExchange> onExchange;
    private volatile Playground playground;
    private volatile ChainShape shape = ChainShape.NONE;

    /** Events of the streams of single sends, until they complete (not kept during bursts). */
    private final Map<Long, List<TraceEvent>> live = new ConcurrentHashMap<>();

    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile boolean capturing = true;
    private volatile boolean cancelBurst;
    private volatile List<Breakpoint> breakpoints = List.of();
    private volatile Consumer<Pause> onPause = p -> p.resume(null);
    private volatile CompletableFuture<BurstResult> burst = CompletableFuture.completedFuture(null);

    public EngineSession(TraceSink sink, ExchangeLog log, Consumer<RecordedExchange> onExchange) {
        this.sink =
                event -> {
                    if (capturing && event.streamId() != 0) {
                        live.computeIfAbsent(
                                        event.streamId(),
                                        k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(event);
                    }
                    sink.accept(event);
                };
        this.log = log;
        this.onExchange = onExchange;
    }

    /** Stops the current playground (and any burst) and starts {@code scenario}. */
    public CompletableFuture<Void> restart(Scenario scenario, Playground.Options options) {
        return CompletableFuture.runAsync(
                () -> {
                    stopBurst();
                    closeCurrent();
                    live.clear();
                    inFlight.clear();
                    Playground p = Playground.start(scenario, options, sink);
                    p.debugger().setBreakpoints(breakpoints);
                    p.debugger().onPause(onPause);
                    shape = ChainShape.of(p);
                    playground = p;
                },
                control);
    }

    /** Where streams stop from now on, on this engine and the next ones. */
    public void setBreakpoints(List<Breakpoint> bs) {
        breakpoints = List.copyOf(bs);
        Playground p = playground;
        if (p != null) {
            p.debugger().setBreakpoints(breakpoints);
        }
    }

    /** Lets every stopped stream go on as it is, even those the window has not shown yet. */
    public void resumeStopped() {
        Playground p = playground;
        if (p != null) {
            p.debugger().waiting().forEach(pause -> pause.resume(null));
        }
    }

    /** Who hears of a stopped stream (on its worker's thread); set before the first restart. */
    public void onPause(Consumer<Pause> listener) {
        onPause = listener;
    }

    /** Sends one request (round-robin over the workers); completes when the stream is over. */
    public CompletableFuture<RecordedExchange> send(
            String name, HttpRequest request, Integer worker) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            Playground p = require();
                            CompletableFuture<Exchange> f = p.send(name, request, worker);
                            // Single sends come from this thread only, so this is f's stream.
                            long id = p.lastStreamId();
                            if (!f.isDone()) {
                                inFlight.put(id, new InFlight(name, request));
                                if (f.isDone()) {
                                    inFlight.remove(id);
                                }
                            }
                            return f.thenApply(x -> record(x, p));
                        },
                        control)
                .thenCompose(f -> f);
    }

    /**
     * Sends {@code count} requests round-robin, at most {@link #BURST_WINDOW} in flight. Stops
     * early when cancelled, or when the in-flight requests all wait for the virtual clock.
     */
    public CompletableFuture<BurstResult> burst(
            String name, IntFunction<HttpRequest> request, int count, Consumer<Integer> sentSoFar) {
        CompletableFuture<BurstResult> f =
                CompletableFuture.supplyAsync(
                                () -> {
                                    Playground p = require();
                                    // A burst's streams are not followed live: too many.
                                    capturing = false;
                                    live.clear();
                                    return p;
                                },
                                control)
                        .thenApplyAsync(
                                p -> {
                                    try {
                                        return runBurst(p, name, request, count, sentSoFar);
                                    } finally {
                                        capturing = true;
                                    }
                                },
                                burster);
        burst = f;
        return f;
    }

    private BurstResult runBurst(
            Playground p,
            String name,
            IntFunction<HttpRequest> request,
            int count,
            Consumer<Integer> sentSoFar) {
        cancelBurst = false;
        long t0 = System.nanoTime();
        Semaphore window = new Semaphore(BURST_WINDOW);
        AtomicLong done = new AtomicLong();
        int sent = 0;
        Stall stall = new Stall(p, done);
        try {
            while (sent < count && !cancelBurst) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stall.check()) {
                        break;
                    }
                    continue;
                }
                p.send(name, request.apply(sent), null)
                        .whenComplete(
                                (x, err) -> {
                                    // Count before releasing the slot: the burst ends on the
                                    // last release and must see every completion by then.
                                    if (x != null) {
                                        done.incrementAndGet();
                                        record(x, p);
                                    }
                                    window.release();
                                });
                sent++;
                if ((sent & 63) == 0) {
                    sentSoFar.accept(sent);
                }
            }
            sentSoFar.accept(sent);
            while (!window.tryAcquire(BURST_WINDOW, 100, TimeUnit.MILLISECONDS)) {
                if (cancelBurst || stall.check()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (EngineException e) {
            // the playground was closed under the burst (a restart): report what was done
        }
        int waiting = (int) Math.max(0, sent - done.get());
        return new BurstResult(sent, done.get(), waiting, System.nanoTime() - t0, cancelBurst);
    }

    /**
     * In-flight streams that no thread works on can only move when virtual time does. Declared only
     * after half a second without a single completion, so a slow moment is not mistaken for it.
     */
    private static final class Stall {
        private final Playground p;
        private final AtomicLong done;
        private long lastDone = -1;
        private int quietChecks;

        Stall(Playground p, AtomicLong done) {
            this.p = p;
            this.done = done;
        }

        boolean check() throws InterruptedException {
            long d = done.get();
            if (d != lastDone) {
                lastDone = d;
                quietChecks = 0;
                return false;
            }
            quietChecks++;
            return quietChecks >= 5 && p.virtualClock() && p.awaitIdle(50) && p.idle();
        }
    }

    public void cancelBurst() {
        cancelBurst = true;
    }

    private void stopBurst() {
        cancelBurst = true;
        try {
            burst.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a failed or slow burst must not block the restart
        }
    }

    /** Moves the virtual clock; due timers fire on their own worker loops. */
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

    /** The VMs, metrics, shared data and queues, asked on each thread. */
    public CompletableFuture<PlaygroundSnapshot> snapshot() {
        if (control.isShutdown()) {
            return CompletableFuture.completedFuture(null); // the window is closing
        }
        return CompletableFuture.supplyAsync(() -> require().snapshot(), control);
    }

    public boolean running() {
        return playground != null;
    }

    public boolean virtualClock() {
        Playground p = playground;
        return p != null && p.virtualClock();
    }

    public ExchangeLog log() {
        return log;
    }

    private RecordedExchange record(Exchange x, Playground from) {
        ChainShape s = shape;
        if (s.playground() != from) {
            s = ChainShape.of(from);
        }
        live.remove(x.streamId());
        inFlight.remove(x.streamId());
        RecordedExchange r = new RecordedExchange(x, s.names(), s.styles());
        log.add(r);
        onExchange.accept(r);
        return r;
    }

    /**
     * The single sends still in flight, oldest first, each with its events so far and what holds it
     * (a filter that paused the stream, or the upstream). Safe to call from any thread.
     */
    public List<RecordedExchange> pending() {
        ChainShape s = shape;
        List<RecordedExchange> out = new ArrayList<>();
        List<Long> ids = new ArrayList<>(inFlight.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            InFlight f = inFlight.get(id);
            List<TraceEvent> got = live.get(id);
            if (f == null || got == null) {
                continue;
            }
            List<TraceEvent> events;
            synchronized (got) {
                events = new ArrayList<>(got);
            }
            events.sort(Comparator.comparingLong(TraceEvent::seq));
            String worker = "";
            String waiting = "";
            for (TraceEvent e : events) {
                if (worker.isEmpty() && e instanceof StreamEvent st && st.thread() != null) {
                    worker = st.thread();
                }
                if (e instanceof StreamEvent st) {
                    switch (st.what()) {
                        case "paused" -> waiting = "paused by " + st.filter();
                        case "resumed" -> waiting = "";
                        case "upstream_request" -> waiting = "for the upstream";
                        case "upstream_response" -> waiting = "";
                        default -> {
                            // other notes do not change what the stream waits for
                        }
                    }
                }
            }
            Exchange partial =
                    new Exchange(
                            id,
                            -1,
                            f.name(),
                            worker,
                            f.request(),
                            null,
                            null,
                            List.copyOf(events),
                            Map.of(),
                            0);
            out.add(new RecordedExchange(partial, s.names(), s.styles(), waiting));
        }
        return out;
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
        cancelBurst = true;
        control.execute(this::closeCurrent);
        control.shutdown();
        burster.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
