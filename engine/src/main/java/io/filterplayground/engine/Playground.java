package io.filterplayground.engine;

import io.filterplayground.engine.chain.HttpStream;
import io.filterplayground.engine.chain.NetworkConnection;
import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.filter.VmView;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.runtime.Activity;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.RealClock;
import io.filterplayground.engine.runtime.VirtualClock;
import io.filterplayground.engine.runtime.Watchdog;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.server.Server;
import io.filterplayground.engine.server.UpstreamClusters;
import io.filterplayground.engine.server.VmViews;
import io.filterplayground.engine.state.Metrics;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.wasm.WorkerVms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's facade: a running scenario. Starts the main thread and the workers (a {@link
 * Server}: a VM per worker per module, the services, the scenario's listeners on each worker);
 * sends requests, and opens TCP connections, on workers (round-robin unless pinned) and hands back
 * each {@link Exchange} or {@link ConnectionResult} with its trace. Thread-safe; never call
 * blocking methods from a worker thread.
 */
public final class Playground implements AutoCloseable {
    /** How to run: machine, trace detail. */
    public record Options(Machine machine, TraceDetail detail) {
        public static Options defaults() {
            return new Options(Machine.COMPILED, TraceDetail.FULL);
        }
    }

    private final Scenario scenario;
    private final Activity activity = new Activity();
    private final Tracer tracer;
    private final PlaygroundClock clock;
    private final Watchdog watchdog;
    private final Worker main;
    private final List<Worker> workers = new ArrayList<>();
    private final SharedData sharedData = new SharedData();
    private final SharedQueues queues = new SharedQueues();
    private final Metrics metrics = new Metrics();
    private final Map<Long, List<TraceEvent>> streamEvents = new ConcurrentHashMap<>();
    private final AtomicLong streamIds = new AtomicLong();
    private final AtomicInteger requestIndex = new AtomicInteger();
    private final AtomicInteger connectionIndex = new AtomicInteger();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Debugger debugger = new Debugger();
    private final Server server;
    private volatile boolean closed;

    private Playground(Scenario scenario, Options options, TraceSink sink) {
        this.scenario = scenario;
        this.tracer =
                new Tracer(
                        event -> {
                            if (event.streamId() != 0) {
                                List<TraceEvent> list = streamEvents.get(event.streamId());
                                if (list != null) {
                                    list.add(event);
                                }
                            }
                            sink.accept(event);
                        },
                        options.detail());
        this.clock =
                scenario.clock() == Scenario.ClockMode.VIRTUAL
                        ? new VirtualClock(activity, startEpochNanos(scenario))
                        : new RealClock();
        this.watchdog = new Watchdog(scenario.callbackTimeoutMillis());
        this.main = new Worker(Worker.MAIN, activity, this::hostError);
        for (int i = 0; i < scenario.workers(); i++) {
            workers.add(new Worker(i, activity, this::hostError));
        }
        HostEnvironment env =
                new HostEnvironment(
                        tracer,
                        clock,
                        UpstreamClusters.http(scenario, clock, activity),
                        sharedData,
                        queues,
                        metrics,
                        new Properties(scenario.properties()),
                        watchdog,
                        activity,
                        options.machine(),
                        scenario.maxMemoryPages(),
                        scenario.logLevel(),
                        scenario.seed());
        this.server =
                new Server(
                        scenario,
                        env,
                        debugger,
                        UpstreamClusters.tcp(scenario, activity),
                        main,
                        workers);
    }

    private static long startEpochNanos(Scenario s) {
        java.time.Instant t = s.startTime();
        return t == null
                ? VirtualClock.START_EPOCH_NANOS
                : t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * Starts a scenario: loads its modules, runs Envoy's canary (each plugin started once on the
     * main thread), then starts every VM and root context on every worker, and the services. Throws
     * {@link EngineException} subclasses with plain messages; nothing keeps running then.
     */
    public static Playground start(Scenario scenario, Options options, TraceSink sink) {
        Playground p = new Playground(scenario, options, sink);
        try {
            p.server.start();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public boolean virtualClock() {
        return clock.isVirtual();
    }

    /** The breakpoints of this playground's streams (none until set). */
    public Debugger debugger() {
        return debugger;
    }

    public Tracer tracer() {
        return tracer;
    }

    // ---- requests and connections -----------------------------------------------------------

    /**
     * Sends a request through the chain on a worker ({@code worker} null: round-robin). The future
     * completes when the stream is over (response, reset, or expired by {@link
     * #expireOpenStreams}).
     */
    public CompletableFuture<Exchange> send(String name, HttpRequest request, Integer worker) {
        return send(name, request, worker, null);
    }

    /**
     * As {@link #send(String, HttpRequest, Integer)}, traced with no more than {@code detail}
     * (null: the playground's own): a burst asks for the minimal trace on the requests whose events
     * nobody will look at, which then cost no callback, hostcall or stage events.
     */
    public CompletableFuture<Exchange> send(
            String name, HttpRequest request, Integer worker, TraceDetail detail) {
        if (!scenario.hasHttpListener()) {
            throw new EngineException(
                    "this scenario's listener is tcp: it takes connections, not requests");
        }
        Worker w = pick(worker);
        int index = requestIndex.getAndIncrement();
        long id = newStreamId();
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        w.execute(
                () -> {
                    long t0 = System.nanoTime();
                    server.http(w)
                            .newStream(
                                    id,
                                    request,
                                    detail,
                                    s -> {
                                        long total = System.nanoTime() - t0;
                                        // Finish on a later task, so events emitted by the call
                                        // that ended the stream (a callout reply, say) are part
                                        // of its trace.
                                        w.execute(
                                                () ->
                                                        done.complete(
                                                                exchange(
                                                                        s, index, name, request,
                                                                        total)));
                                    });
                });
        return done;
    }

    /**
     * Opens a TCP connection through the network filter chain on a worker ({@code worker} null:
     * round-robin); the handle sends the client's bytes and closes. Needs a TCP listener: {@code
     * listener: tcp}, or an http scenario's {@code tcpListener:}.
     */
    public ConnectionHandle connect(String name, Integer worker) {
        if (scenario.tcpListener() == null) {
            throw new EngineException(
                    "this scenario has no TCP listener (listener: tcp, or a tcpListener:) to"
                            + " connect to");
        }
        Worker w = pick(worker);
        int index = connectionIndex.getAndIncrement();
        long id = newStreamId();
        ConnectionHandle handle = new ConnectionHandle(w, id);
        w.execute(
                () -> {
                    long t0 = System.nanoTime();
                    handle.opened(
                            server.tcp(w)
                                    .accept(
                                            id,
                                            c -> {
                                                long total = System.nanoTime() - t0;
                                                w.execute(
                                                        () ->
                                                                handle.complete(
                                                                        result(
                                                                                c, index, name,
                                                                                total)));
                                            }));
                });
        return handle;
    }

    private Worker pick(Integer worker) {
        if (closed) {
            throw new EngineException("the playground is closed");
        }
        int idx =
                worker != null
                        ? Math.floorMod(worker, workers.size())
                        : Math.floorMod(roundRobin.getAndIncrement(), workers.size());
        return workers.get(idx);
    }

    private long newStreamId() {
        long id = streamIds.incrementAndGet();
        streamEvents.put(id, new ArrayList<>());
        return id;
    }

    /**
     * The stream id of the latest {@link #send} (0 before the first). A caller that sends from one
     * thread reads it right after {@code send} to follow that stream's events live, before it ends.
     */
    public long lastStreamId() {
        return streamIds.get();
    }

    private List<TraceEvent> eventsOf(long id) {
        List<TraceEvent> events = streamEvents.remove(id);
        if (events == null) {
            events = new ArrayList<>();
        }
        events.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return Collections.unmodifiableList(events);
    }

    private Exchange exchange(
            HttpStream s, int index, String name, HttpRequest request, long totalNanos) {
        return new Exchange(
                s.id(),
                index,
                name,
                s.worker().name(),
                request,
                s.response(),
                s.upstreamRequest(),
                eventsOf(s.id()),
                s.filterNanos(),
                totalNanos);
    }

    private ConnectionResult result(NetworkConnection c, int index, String name, long totalNanos) {
        return new ConnectionResult(
                c.id(),
                index,
                name,
                c.worker().name(),
                c.received(),
                c.upstreamReceived(),
                c.closedBy(),
                eventsOf(c.id()),
                c.filterNanos(),
                totalNanos);
    }

    /** Moves the virtual clock, firing due timers on their loops. No-op on a real clock. */
    public void advance(long millis) throws InterruptedException {
        if (clock instanceof VirtualClock v) {
            v.advance(millis * 1_000_000L);
        }
    }

    /** Waits until no task runs or waits anywhere; false on timeout. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return activity.awaitIdle(timeoutMillis);
    }

    public boolean idle() {
        return activity.isIdle();
    }

    /** Timers armed on the clock (ticks, delayed mocks). */
    public int armedTimers() {
        return clock.armedTimers();
    }

    /** Streams still paused: Envoy's idle timeout ends them (408, or a reset). */
    public void expireOpenStreams() throws InterruptedException {
        for (Worker w : workers) {
            w.execute(() -> server.expireOpen(w));
        }
        activity.awaitIdle(30_000);
    }

    // ---- state ------------------------------------------------------------------------------

    /** The VMs of every thread (asked on each thread), metrics, shared data and queues. */
    public PlaygroundSnapshot snapshot() {
        List<VmView> views = new ArrayList<>();
        List<Worker> threads = new ArrayList<>();
        threads.add(main);
        threads.addAll(workers);
        for (Worker w : threads) {
            if (closed) {
                break;
            }
            try {
                views.addAll(w.submit(() -> VmViews.of(w)).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                views.add(VmViews.busy(w));
            }
        }
        return new PlaygroundSnapshot(views, metrics.rows(), sharedData.rows(), queues.rows());
    }

    private void hostError(Throwable t) {
        tracer.emit(
                new StreamEvent(
                        tracer.nextSeq(),
                        0,
                        Tracer.thread(),
                        "host_error",
                        null,
                        String.valueOf(t)));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A worker stopped at a breakpoint goes on, so that its streams can be reset.
        debugger.releaseAll();
        // Streams still open are reset first, each on its worker; their exchanges complete on a
        // task those workers run before the loops stop below.
        List<CompletableFuture<Object>> resets = new ArrayList<>();
        for (Worker w : workers) {
            resets.add(
                    w.submit(
                            () -> {
                                server.shutdown(w);
                                return null;
                            }));
        }
        try {
            CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A worker stuck in a guest call past the watchdog: close anyway.
        }
        List<Worker> all = new ArrayList<>(workers);
        all.add(main);
        for (Worker w : all) {
            w.execute(
                    () -> {
                        WorkerVms vms = w.localOrNull(WorkerVms.class);
                        if (vms != null) {
                            vms.close();
                        }
                    });
            w.close();
        }
        for (Worker w : all) {
            try {
                w.awaitTermination(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clock.close();
        watchdog.close();
    }
}
