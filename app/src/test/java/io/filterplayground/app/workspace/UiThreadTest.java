package io.filterplayground.app.workspace;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/**
 * For the workspace's ViewModels without a toolkit: a plain thread stands in for the UI thread,
 * with the timer and background threads the window would give them.
 */
abstract class UiThreadTest {
    protected final ExecutorService ui = Executors.newSingleThreadExecutor();
    protected final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    protected final ExecutorService background = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        ui.shutdownNow();
        timer.shutdownNow();
        background.shutdownNow();
    }

    protected <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    /** Runs the command on the UI thread, waits for what it returns, then for the UI thread. */
    protected <T> T await(Supplier<CompletableFuture<T>> command) throws Exception {
        CompletableFuture<T> f = onUi(command::get);
        T t = f.get(60, TimeUnit.SECONDS);
        onUi(() -> null); // let UI tasks queued by the command run
        return t;
    }

    protected void waitFor(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onUi(condition)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
