package io.filterplayground.engine.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One thread and its task queue: Envoy's dispatcher. Everything a VM does runs on the loop that
 * owns it (one event loop per worker; a VM is touched by exactly one thread).
 *
 * <p>A loop either has a thread of its own, or is driven by the thread that made it: then a task
 * posted by that thread outside any task runs at once, and tasks posted while one runs, or from
 * other threads, run when the driver calls {@link #runPending} or {@link #runUntilIdle}. The host
 * harness drives its VM that way, so a test sees every callback on its own thread.
 */
public class EventLoop implements Executor, AutoCloseable {
    private static final Runnable POISON = () -> {};

    private final String name;
    private final Activity activity;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final boolean driven;
    private final Consumer<Throwable> onError;
    private volatile boolean closed;
    private boolean running;

    public EventLoop(String name, Activity activity, Consumer<Throwable> onError) {
        this(name, activity, onError, false);
    }

    protected EventLoop(
            String name, Activity activity, Consumer<Throwable> onError, boolean drivenByCaller) {
        this.name = name;
        this.activity = activity;
        this.onError = onError;
        this.driven = drivenByCaller;
        if (drivenByCaller) {
            this.thread = Thread.currentThread();
        } else {
            this.thread = new Thread(this::loop, name);
            this.thread.setDaemon(true);
            this.thread.start();
        }
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
        if (driven && inLoop() && !running) {
            runPending();
        }
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

    /**
     * Runs the task on the loop and waits for it; runs inline when already on the loop (on a driven
     * loop, as a task of its own, followed by what it posted).
     */
    public <T> T call(Callable<T> task) {
        if (driven && inLoop() && !running) {
            T result;
            try {
                result = drive(task);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return result;
        }
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
        } catch (CompletionException e) {
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

    /**
     * A driven loop: the caller starts a task of its own on this thread (what is posted meanwhile
     * waits for {@link #runPending}); false when one already runs. End it with {@link #endTask}.
     * The same as {@link #call} without a task object, for a caller that runs many small ones.
     */
    public boolean beginTask() {
        if (!driven || !inLoop()) {
            throw new IllegalStateException(
                    "only the thread that drives " + name + " may run its tasks");
        }
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    /** Ends the task {@link #beginTask} started. */
    public void endTask() {
        running = false;
        Thread.interrupted();
    }

    private <T> T drive(Callable<T> task) throws Exception {
        running = true;
        try {
            return task.call();
        } finally {
            running = false;
            Thread.interrupted();
        }
    }

    /** A driven loop: runs the tasks queued now and those they post. */
    public void runPending() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            run(task);
        }
    }

    /**
     * A driven loop: runs tasks, waiting for those other threads post (a real upstream's answer),
     * until the whole playground is quiet; false when {@code timeoutMillis} passed first.
     */
    public boolean runUntilIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            runPending();
            if (activity.isIdle()) {
                return true;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            Runnable task = queue.poll(Math.min(left, 50), TimeUnit.MILLISECONDS);
            if (task != null) {
                run(task);
            }
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
            run(task);
        }
    }

    private void run(Runnable task) {
        if (task == POISON) {
            activity.end();
            return;
        }
        running = true;
        try {
            task.run();
        } catch (Throwable t) {
            onError.accept(t);
        } finally {
            running = false;
            Thread.interrupted();
            activity.end();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            activity.begin();
            queue.add(POISON);
            if (driven && inLoop()) {
                runPending();
            }
        }
    }

    public void awaitTermination(long millis) throws InterruptedException {
        if (!driven) {
            thread.join(millis);
        }
    }
}
