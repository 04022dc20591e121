package io.filterplayground.app.workspace;

import io.filterplayground.engine.trace.TraceEvent;

/**
 * Hears what the window's engine does, for a part that follows along without showing it (Learn
 * mode's step checker): trace events and finished requests or connections arrive on engine threads,
 * clock moves and restarts on the UI thread.
 */
public interface EngineWatcher {
    void onTrace(TraceEvent event);

    /** A finished request or connection. */
    void onExchange(RecordedExchange exchange);

    /** The virtual clock moved by {@code millis} (Advance, or a connection's advance steps). */
    void onAdvance(long millis);

    /** The engine is starting again (an edit, another scenario): its VMs start anew next. */
    void onRestart();
}
