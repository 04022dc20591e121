package io.filterplayground.engine.trace;

import java.util.concurrent.atomic.AtomicLong;

/** Numbers events and hands them to the sink; one per playground. Thread-safe. */
public final class Tracer {
    private final AtomicLong seq = new AtomicLong();
    private final TraceSink sink;
    private final boolean callbacks;
    private final boolean details;

    public Tracer(TraceSink sink, TraceDetail detail) {
        this.sink = sink;
        this.callbacks = detail != TraceDetail.MINIMAL;
        this.details = detail == TraceDetail.FULL;
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public void emit(TraceEvent event) {
        sink.accept(event);
    }

    /** Whether callback events are recorded. */
    public boolean callbacks() {
        return callbacks;
    }

    /** Whether hostcall events and stage snapshots are recorded. */
    public boolean details() {
        return details;
    }

    public static String thread() {
        return Thread.currentThread().getName();
    }
}
