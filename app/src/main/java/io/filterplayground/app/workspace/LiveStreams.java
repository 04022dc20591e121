package io.filterplayground.app.workspace;

import io.filterplayground.engine.ConnectionResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.TraceEvent;
import io.filterplayground.engine.trace.TraceSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the single sends and connections in flight, so the window can show one that waits with
 * its events so far, and turns completed exchanges and connections into {@link RecordedExchange}s
 * with the chain they ran through. Thread-safe.
 */
final class LiveStreams {
    /** A single send (or connection: no request) still in flight, to follow its stream live. */
    private record InFlight(String name, HttpRequest request) {}

    /** Events of the streams of single sends, until they complete (not kept during bursts). */
    private final Map<Long, List<TraceEvent>> live = new ConcurrentHashMap<>();

    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile boolean capturing = true;
    private volatile ChainShape shape = ChainShape.NONE;

    /**
     * A sink that keeps the events of streams while capturing, then passes them on to {@code next}.
     */
    TraceSink capture(TraceSink next) {
        return event -> {
            if (capturing && event.streamId() != 0) {
                live.computeIfAbsent(
                                event.streamId(),
                                k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(event);
            }
            next.accept(event);
        };
    }

    /** Forgets every stream: a new engine is about to start. */
    void clear() {
        live.clear();
        inFlight.clear();
    }

    /** The engine that now runs: the chain exchanges are recorded with. */
    void startedOn(Playground p) {
        shape = ChainShape.of(p);
    }

    /**
     * Follows stream {@code id} until {@code completion}, unless it is already over. Single sends
     * come from one thread, so the id is the stream's.
     */
    void follow(long id, String name, HttpRequest request, CompletableFuture<?> completion) {
        if (!completion.isDone()) {
            inFlight.put(id, new InFlight(name, request));
            if (completion.isDone()) {
                inFlight.remove(id);
            }
        }
    }

    /** A burst's streams are not followed live: too many. */
    void pauseCapture() {
        capturing = false;
        live.clear();
    }

    void resumeCapture() {
        capturing = true;
    }

    /** Follows connection {@code id} until {@code completion}. */
    void followConnection(long id, String name, CompletableFuture<?> completion) {
        follow(id, name, null, completion);
    }

    /** The completed exchange as the window keeps it; its stream is no longer followed. */
    RecordedExchange complete(Exchange x, Playground from) {
        ChainShape s = shapeOf(from, x.streamId());
        return new RecordedExchange(x, s.names(false), s.styles());
    }

    /** The closed connection as the window keeps it; it is no longer followed. */
    RecordedExchange complete(ConnectionResult c, Playground from) {
        ChainShape s = shapeOf(from, c.connectionId());
        return RecordedExchange.of(c, s.names(true), s.styles(), null);
    }

    /** The chain of {@code from}; stream {@code id} is over. */
    private ChainShape shapeOf(Playground from, long id) {
        live.remove(id);
        inFlight.remove(id);
        ChainShape s = shape;
        return s.playground() == from ? s : ChainShape.of(from);
    }

    /** See {@link EngineSession#pending()}. */
    List<RecordedExchange> pending() {
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
                    waiting = waitingAfter(st, waiting);
                }
            }
            out.add(partial(id, f, worker, List.copyOf(events), s, waiting));
        }
        return out;
    }

    /** A request or connection in flight with its events so far. */
    private static RecordedExchange partial(
            long id,
            InFlight f,
            String worker,
            List<TraceEvent> events,
            ChainShape s,
            String waiting) {
        if (f.request() == null) {
            byte[] none = new byte[0];
            ConnectionResult c =
                    new ConnectionResult(
                            id, -1, f.name(), worker, none, none, null, events, Map.of(), 0);
            return RecordedExchange.of(c, s.names(true), s.styles(), waiting);
        }
        Exchange x =
                new Exchange(
                        id, -1, f.name(), worker, f.request(), null, null, events, Map.of(), 0);
        return new RecordedExchange(x, s.names(false), s.styles(), waiting);
    }

    /** What holds the stream after note {@code st}, given what held it before. */
    private static String waitingAfter(StreamEvent st, String before) {
        return switch (st.what()) {
            case "paused" -> "paused by " + st.filter();
            case "upstream_request", "upstream_connect" -> "for the upstream";
            case "resumed", "upstream_response", "upstream_connected" -> "";
            default -> before; // other notes do not change what the stream waits for
        };
    }
}
