package io.filterplayground.app.workspace;

import io.filterplayground.app.workspace.EngineSession.BurstResult;
import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.http.HttpRequest;
import io.filterplayground.engine.trace.TraceDetail;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Sends a burst through a playground with at most {@link #BURST_WINDOW} requests in flight, on the
 * calling thread, until every request completed, it is cancelled, or the requests in flight can
 * only move with virtual time.
 */
final class BurstRunner {
    /**
     * Requests of a burst in flight at once: enough to keep every worker busy, few enough to keep
     * memory flat and snapshots answering quickly.
     */
    static final int BURST_WINDOW = 64;

    private volatile boolean cancelled;

    /** Stops the burst that runs (if any) after the request it is sending. */
    void cancel() {
        cancelled = true;
    }

    BurstResult run(
            Playground p,
            String name,
            IntFunction<HttpRequest> request,
            int count,
            Consumer<Integer> sentSoFar,
            Consumer<Exchange> completed) {
        cancelled = false;
        long t0 = System.nanoTime();
        Semaphore window = new Semaphore(BURST_WINDOW);
        AtomicLong done = new AtomicLong();
        int sent = 0;
        Stall stall = new Stall(p, done);
        try {
            while (sent < count && !cancelled) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stall.check()) {
                        break;
                    }
                    continue;
                }
                // Only the latest KEEP to complete are kept in full, and those are among the last
                // KEEP + BURST_WINDOW sent: the others need no callback, hostcall or stage
                // events (their logs, traps and counts stay exact).
                TraceDetail detail =
                        sent < count - ExchangeLog.KEEP - BURST_WINDOW ? TraceDetail.MINIMAL : null;
                p.send(name, request.apply(sent), null, detail)
                        .whenComplete(
                                (x, err) -> {
                                    // Count before releasing the slot: the burst ends on the
                                    // last release and must see every completion by then.
                                    if (x != null) {
                                        done.incrementAndGet();
                                        completed.accept(x);
                                    }
                                    window.release();
                                });
                sent++;
                if ((sent & 63) == 0) {
                    sentSoFar.accept(sent);
                }
            }
            sentSoFar.accept(sent);
            while (!window.tryAcquire(BURST_WINDOW, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled || stall.check()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (EngineException e) {
            // the playground was closed under the burst (a restart): report what was done
        }
        int waiting = (int) Math.max(0, sent - done.get());
        return new BurstResult(sent, done.get(), waiting, System.nanoTime() - t0, cancelled);
    }

    /**
     * In-flight streams that no thread works on can only move when virtual time does. Declared only
     * after half a second without a single completion, so a slow moment is not mistaken for it.
     */
    private static final class Stall {
        private final Playground p;
        private final AtomicLong done;
        private long lastDone = -1;
        private int quietChecks;

        Stall(Playground p, AtomicLong done) {
            this.p = p;
            this.done = done;
        }

        boolean check() throws InterruptedException {
            long d = done.get();
            if (d != lastDone) {
                lastDone = d;
                quietChecks = 0;
                return false;
            }
            quietChecks++;
            return quietChecks >= 5 && p.virtualClock() && p.awaitIdle(50) && p.idle();
        }
    }
}
