package io.filterplayground.engine.trace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers events and hands them to the sink; one per playground, with a view per lower detail for
 * the streams that ask for less ({@link #atMost}). Thread-safe.
 */
public final class Tracer {
    private final AtomicLong seq;
    private final TraceSink sink;
    private final TraceDetail detail;
    private final boolean callbacks;
    private final boolean details;

    /** This tracer at each detail, by ordinal, sharing its numbering and sink. */
    private final Tracer[] levels;

    public Tracer(TraceSink sink, TraceDetail detail) {
        this.seq = new AtomicLong();
        this.sink = sink;
        this.detail = detail;
        this.callbacks = detail != TraceDetail.MINIMAL;
        this.details = detail == TraceDetail.FULL;
        this.levels = new Tracer[TraceDetail.values().length];
        for (TraceDetail d : TraceDetail.values()) {
            levels[d.ordinal()] = d == detail ? this : new Tracer(this, d);
        }
    }

    private Tracer(Tracer of, TraceDetail detail) {
        this.seq = of.seq;
        this.sink = of.sink;
        this.detail = detail;
        this.callbacks = detail != TraceDetail.MINIMAL;
        this.details = detail == TraceDetail.FULL;
        this.levels = of.levels;
    }

    /**
     * This tracer, or its view that records no more than {@code most} (null: this one): what a
     * stream whose trace nobody will read in full is traced with.
     */
    public Tracer atMost(TraceDetail most) {
        return most != null && most.ordinal() > detail.ordinal() ? levels[most.ordinal()] : this;
    }

    public TraceDetail detail() {
        return detail;
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
