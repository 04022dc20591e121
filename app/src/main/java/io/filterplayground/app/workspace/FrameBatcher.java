package io.filterplayground.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Carries items from engine threads to the UI thread in batches: whatever arrives within one frame
 * (16 ms) is handed over by a single task on the UI executor, so a burst of events costs at most
 * one {@code Platform.runLater} per frame instead of one per event. A batcher may take a longer
 * period (during a burst, say): the items wait longer and arrive in fewer, larger batches.
 */
public final class FrameBatcher<T> {
    static final long FRAME_NANOS = 16_000_000L;

    /**
     * The period of the live views during a burst: thousands of requests a second must not turn
     * into a layout and CSS pass every frame, and a quarter second still reads as live.
     */
    static final long BURST_NANOS = 250_000_000L;

    /** A frame, or {@link #BURST_NANOS} while {@code bursting} says so. */
    static LongSupplier frameOrBurst(ObservableBooleanValue bursting) {
        return frameOr(bursting, BURST_NANOS);
    }

    /** A frame, or {@code burstNanos} while {@code bursting} says so. */
    static LongSupplier frameOr(ObservableBooleanValue bursting, long burstNanos) {
        return () -> bursting.get() ? burstNanos : FRAME_NANOS;
    }

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Consumer<List<T>> consumer;
    private final LongSupplier periodNanos;
    private volatile long lastFlushNanos;

    public FrameBatcher(Executor ui, ScheduledExecutorService timer, Consumer<List<T>> consumer) {
        this(ui, timer, consumer, () -> FRAME_NANOS);
    }

    /** {@code periodNanos}: the least time between two batches, asked for each batch. */
    public FrameBatcher(
            Executor ui,
            ScheduledExecutorService timer,
            Consumer<List<T>> consumer,
            LongSupplier periodNanos) {
        this.ui = ui;
        this.timer = timer;
        this.consumer = consumer;
        this.periodNanos = periodNanos;
    }

    /** Thread-safe and cheap: queues the item and makes sure one flush is on its way. */
    public void add(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastFlushNanos + periodNanos.getAsLong() - System.nanoTime();
            if (wait <= 0) {
                ui.execute(this::flush);
            } else {
                timer.schedule(() -> ui.execute(this::flush), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** On the UI thread: hands over what is queued now, without waiting for the period. */
    void flushNow() {
        flush();
    }

    private void flush() {
        lastFlushNanos = System.nanoTime();
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) {
            batch.add(t);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
