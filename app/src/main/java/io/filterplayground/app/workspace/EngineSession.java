package io.filterplayground.app.workspace;

import io.filterplayground.engine.Playground;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.scenario.ConnectionStep;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The running engine behind the window, as the workspace's ViewModels use it. Every operation runs
 * off the UI thread and completes a future; what the engine produces on its own (trace events,
 * completed exchanges, stopped streams) goes to the {@link Listener} on engine threads. {@link
 * PlaygroundSession} runs a real {@link Playground}.
 */
public interface EngineSession extends AutoCloseable {

    /** How a burst ended. {@code waiting}: requests still paused on the virtual clock. */
    record BurstResult(int sent, long completed, int waiting, long wallNanos, boolean cancelled) {}

    /** What the engine reports by itself, on its own threads. */
    interface Listener {
        void onTrace(TraceEvent event);

        /** A completed exchange or connection, already in the session's {@link ExchangeLog}. */
        void onExchange(RecordedExchange exchange);

        /** A stream stopped at a breakpoint; it waits until the pause is resumed. */
        void onPause(Pause pause);
    }

    /** Opens a session recording into {@code log} and reporting to {@code listener}. */
    @FunctionalInterface
    interface Factory {
        EngineSession open(ExchangeLog log, Listener listener);
    }

    /** Stops the current engine (and any burst) and starts {@code scenario}. */
    CompletableFuture<Void> restart(Scenario scenario, Playground.Options options);

    /** Sends one request (round-robin over the workers); completes when the stream is over. */
    CompletableFuture<RecordedExchange> send(String name, HttpRequest request, Integer worker);

    /**
     * Opens a TCP connection (round-robin over the workers) and takes the client's {@code steps} in
     * order, each once the playground is quiet after the one before, then lets the client go as the
     * command line's {@code run} does; completes when the connection is over.
     */
    CompletableFuture<RecordedExchange> connect(
            String name, List<ConnectionStep> steps, Integer worker);

    /**
     * Sends {@code count} requests round-robin, request {@code i} made by {@code request}; {@code
     * sentSoFar} hears progress. Stops early when cancelled, or when the requests in flight all
     * wait for the virtual clock.
     */
    CompletableFuture<BurstResult> burst(
            String name, IntFunction<HttpRequest> request, int count, Consumer<Integer> sentSoFar);

    void cancelBurst();

    /** Moves the virtual clock; due timers fire on their own worker loops. */
    CompletableFuture<Void> advance(long millis);

    /** The VMs, metrics, shared data and queues, asked on each thread. */
    CompletableFuture<PlaygroundSnapshot> snapshot();

    /** Where streams stop from now on, on this engine and the next ones. */
    void setBreakpoints(List<Breakpoint> breakpoints);

    /** Lets every stopped stream go on as it is, even those the window has not shown yet. */
    void resumeStopped();

    boolean running();

    boolean virtualClock();

    /**
     * The single sends and connections still in flight, oldest first, each with its events so far
     * and what holds it (a filter that paused the stream, or the upstream). Safe to call from any
     * thread.
     */
    List<RecordedExchange> pending();

    @Override
    void close();
}
