package io.filterplayground.engine.chain;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.debug.Pause;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.trace.StageEvent;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.StreamEvent;
import io.filterplayground.engine.trace.Tracer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What Envoy's filter managers have in common, whatever they carry: control calls made inside a
 * filter callback (continue, local reply, close) take effect after the callback returns, as Envoy
 * defers them; a reply or close stops iteration at once; each callback is timed, may stop at a
 * breakpoint, and leaves a snapshot of what it changed.
 */
abstract class FilterManager {
    final Tracer tracer;
    private final Debugger debugger;
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private int dispatching;
    private boolean inTopLevel;
    private boolean stopRequested;

    /** Set once the stream (or connection) is over; nothing runs after. */
    boolean finished;

    /** Time in all filters' callbacks so far; {@link #attribute} subtracts its share. */
    private long filterCallbackNanos;

    FilterManager(Tracer tracer, Debugger debugger) {
        this.tracer = tracer;
        this.debugger = debugger;
    }

    /** The stream (or connection) id trace events carry. */
    abstract long id();

    /** Whether iteration must stop now: the stream is over, or a reply or close is on its way. */
    boolean halted() {
        return finished || stopRequested;
    }

    /** Runs a stream operation, then the control actions that callbacks queued meanwhile. */
    void topLevel(Runnable op) {
        if (inTopLevel) {
            op.run();
            return;
        }
        inTopLevel = true;
        try {
            op.run();
            Runnable next;
            while ((next = deferred.poll()) != null) {
                stopRequested = false;
                next.run();
            }
        } finally {
            inTopLevel = false;
            stopRequested = false;
        }
    }

    /** A continue waits for the current callback to return; it does not stop iteration. */
    void control(Runnable action) {
        if (finished) {
            return;
        }
        if (dispatching > 0 || inTopLevel) {
            deferred.add(action);
        } else {
            topLevel(action);
        }
    }

    /** A local reply, reset or close: queued like {@link #control}, and iteration stops now. */
    void requestStop(Runnable action) {
        if (finished) {
            return;
        }
        if (dispatching > 0 || inTopLevel) {
            stopRequested = true;
            deferred.add(action);
        } else {
            topLevel(action);
        }
    }

    /** Forgets queued control actions: the stream is over. */
    void dropDeferred() {
        deferred.clear();
    }

    /**
     * Runs one filter callback at {@code stage} on {@code map} (headers or trailers) or {@code
     * body}: stops first if a breakpoint asks, times it, guards against a filter that throws, and
     * records what it changed.
     */
    FilterStatus invoke(
            FilterEntry e,
            Stage stage,
            HeaderMap map,
            Buffer body,
            boolean eos,
            Supplier<FilterStatus> callback) {
        boolean snap = tracer.details();
        if (debugger.wants(e.name, stage)) {
            stopBefore(e, stage, map, body, eos);
        }
        Headers before = snap && map != null ? map.snapshot() : null;
        byte[] bodyBefore = snap && body != null ? body.bytes() : null;
        long seq = snap ? tracer.nextSeq() : 0;
        long t0 = System.nanoTime();
        FilterStatus st;
        dispatching++;
        try {
            st = callback.get();
            if (st == null) {
                st = FilterStatus.CONTINUE;
            }
        } catch (RuntimeException ex) {
            // A filter implementation must never take the stream down with a host exception.
            emit("note", e.name, "filter failed in " + stage.wireName() + ": " + ex);
            st = FilterStatus.CONTINUE;
        } finally {
            dispatching--;
        }
        long dt = System.nanoTime() - t0;
        e.nanos += dt;
        filterCallbackNanos += dt;
        if (snap) {
            tracer.emit(
                    new StageEvent(
                            seq,
                            id(),
                            Tracer.thread(),
                            e.name,
                            e.chainIndex,
                            stage,
                            before,
                            map == null ? null : map.snapshot(),
                            bodyBefore,
                            body == null ? null : body.bytes(),
                            eos,
                            st.displayName(),
                            dt));
        }
        return st;
    }

    /**
     * A breakpoint: the worker waits here for the debugger, then what the user edited is what the
     * filter sees. The wait is not the filter's time.
     */
    private void stopBefore(FilterEntry e, Stage stage, HeaderMap map, Buffer body, boolean eos) {
        emit("note", e.name, "debugger: paused before " + e.name + " · " + stage.wireName());
        long t0 = System.nanoTime();
        Pause.Edit edit =
                debugger.pause(
                        id(),
                        Tracer.thread(),
                        e.name,
                        stage,
                        map == null ? null : map.snapshot(),
                        map == null && body != null ? body.bytes() : null,
                        eos);
        List<String> edited = new ArrayList<>();
        if (map != null && edit.headers() != null && !edit.headers().equals(map.entries())) {
            map.setAll(edit.headers());
            edited.add(stage.wireName().endsWith("trailers") ? "trailers" : "headers");
        }
        if (body != null && edit.body() != null && !Arrays.equals(edit.body(), body.bytes())) {
            body.set(edit.body());
            edited.add("body");
        }
        emit(
                "note",
                e.name,
                "debugger: resumed after "
                        + (System.nanoTime() - t0) / 1_000_000
                        + " ms"
                        + (edited.isEmpty()
                                ? ""
                                : "; the " + String.join(" and ", edited) + " were edited"));
    }

    /**
     * Envoy's access loggers, after the filters' own log callbacks: each sees the stream through a
     * view named after it; a logger that throws changes nothing but a note.
     */
    void runAccessLoggers(List<AccessLog> loggers, Function<String, StreamCallbacks> view) {
        for (AccessLog l : loggers) {
            try {
                l.logger().log(view.apply(l.name()));
            } catch (RuntimeException ex) {
                emit("note", l.name(), "access logger failed: " + ex);
            }
        }
    }

    /** An end-of-stream callback (access log, destroy): timed, and a throw is only noted. */
    void safely(FilterEntry e, Runnable r) {
        long t0 = System.nanoTime();
        dispatching++;
        try {
            r.run();
        } catch (RuntimeException ex) {
            emit("note", e.name, "filter failed at end of stream: " + ex);
        } finally {
            dispatching--;
            long dt = System.nanoTime() - t0;
            e.nanos += dt;
            filterCallbackNanos += dt;
        }
    }

    /**
     * Work of {@code e} outside its callbacks (a callout's answer, a resumed Lua handler), timed to
     * it less the other filters' callbacks it sets off.
     */
    void attribute(FilterEntry e, Runnable work) {
        long nested = filterCallbackNanos;
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            long dt = System.nanoTime() - t0 - (filterCallbackNanos - nested);
            e.nanos += Math.max(0, dt);
        }
    }

    void emit(String what, String filter, String detail) {
        if (tracer.callbacks()) {
            tracer.emit(
                    new StreamEvent(tracer.nextSeq(), id(), Tracer.thread(), what, filter, detail));
        }
    }
}
