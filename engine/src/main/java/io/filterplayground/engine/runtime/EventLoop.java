package io.filterplayground.engine.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One thread and its task queue: Envoy's dispatcher. Everything a VM does runs on the loop that
 * owns it (architecture §3: one event loop per worker, a VM is touched by exactly one thread).
 */
public class EventLoop implements Executor, AutoCloseable {
    private static final Runnable POISON = () -> {};

    private final String name;
    private final Activity activity;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Consumer<Throwable> onError;
    private volatile boolean closed;

    public EventLoop(String name, Activity activity, Consumer<Throwable> onError) {
        this.name = name;
        this.activity = activity;
        this.onError = onError;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public String name() {
        return name;
    }

    public Thread thread() {
        return thread;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    public Activity activity() {
        return activity;
    }

    /** Posts a task; it runs after the tasks already queued. */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        activity.begin();
        queue.add(task);
    }

    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        execute(
                () -> {
                    try {
                        future.complete(task.call());
                    } catch (Throwable t) {
                        future.completeExceptionally(t);
                    }
                });
        return future;
    }

    /** Runs the task on the loop and waits for it; runs inline when already on the loop. */
    public <T> T call(Callable<T> task) {
        if (inLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return submit(task).join();
        } catch (java.util.concurrent.CompletionException e) {
            // Rethrow what the task threw, so callers see the engine's own exception.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // A watchdog interrupt that arrived after its callback returned: not for us.
                continue;
            }
            if (task == POISON) {
                activity.end();
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                onError.accept(t);
            } finally {
                Thread.interrupted();
                activity.end();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            activity.begin();
            queue.add(POISON);
        }
    }

    public void awaitTermination(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
