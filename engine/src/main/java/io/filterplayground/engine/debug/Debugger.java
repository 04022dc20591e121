package io.filterplayground.engine.debug;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A playground's breakpoints and the streams they stop. A stream stops on its worker before a
 * matching filter stage; the worker waits (as a thread under a debugger does, so other streams on
 * it wait too) until the listener resumes the {@link Pause}, perhaps with edited headers or body.
 * Thread-safe: breakpoints change live, the listener runs on the stopped worker.
 */
public final class Debugger {
    private volatile List<Breakpoint> breakpoints = List.of();
    private volatile Consumer<Pause> listener = p -> p.resume(null);
    private volatile boolean released;
    private final Set<Pause> waiting = ConcurrentHashMap.newKeySet();

    public void setBreakpoints(Collection<Breakpoint> bs) {
        breakpoints = List.copyOf(bs);
    }

    public List<Breakpoint> breakpoints() {
        return breakpoints;
    }

    /** Who hears of each pause; it must resume it, now or later, from any thread. */
    public void onPause(Consumer<Pause> l) {
        listener = l;
    }

    /** Whether a stream stops before {@code filter} at {@code stage}: cheap when none is set. */
    public boolean wants(String filter, Stage stage) {
        List<Breakpoint> bs = breakpoints;
        if (bs.isEmpty() || released) {
            return false;
        }
        for (Breakpoint b : bs) {
            if (b.matches(filter, stage)) {
                return true;
            }
        }
        return false;
    }

    /** The pauses not resumed yet. */
    public List<Pause> waiting() {
        return List.copyOf(waiting);
    }

    /**
     * Stops the calling worker until the pause is resumed; returns the edit to apply. An interrupt
     * or {@link #releaseAll} lets the stream go on as it was.
     */
    public Pause.Edit pause(
            long streamId,
            String worker,
            String filter,
            Stage stage,
            Headers headers,
            byte[] body,
            boolean endOfStream) {
        Pause p = new Pause(streamId, worker, filter, stage, headers, body, endOfStream);
        waiting.add(p);
        try {
            if (released) {
                return Pause.Edit.NONE;
            }
            listener.accept(p);
            return p.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Pause.Edit.NONE;
        } catch (RuntimeException e) {
            // A listener that fails must not leave the worker stopped for good.
            return Pause.Edit.NONE;
        } finally {
            waiting.remove(p);
        }
    }

    /** Resumes every pause as it is and stops no more streams (the playground closes). */
    public void releaseAll() {
        released = true;
        for (Pause p : waiting) {
            p.resume(null);
        }
    }
}
