package io.filterplayground.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries items from engine threads to the UI thread in batches: whatever arrives within one frame
 * (16 ms) is handed over by a single task on the UI executor, so a burst of events costs at most
 * one {@code Platform.runLater} per frame instead of one per event.
 */
public final class FrameBatcher<T> {
    static final long FRAME_NANOS = 16_000_000L;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Consumer<List<T>> consumer;
    private volatile long lastFlushNanos;

    public FrameBatcher(Executor ui, ScheduledExecutorService timer, Consumer<List<T>> consumer) {
        this.ui = ui;
        this.timer = timer;
        this.consumer = consumer;
    }

    /** Thread-safe and cheap: queues the item and makes sure one flush is on its way. */
    public void add(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastFlushNanos + FRAME_NANOS - System.nanoTime();
            if (wait <= 0) {
                ui.execute(this::flush);
            } else {
                timer.schedule(() -> ui.execute(this::flush), wait, TimeUnit.NANOSECONDS);
            }
        }
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
