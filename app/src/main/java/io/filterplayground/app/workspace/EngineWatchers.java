package io.filterplayground.app.workspace;

import io.filterplayground.engine.trace.TraceEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableNumberValue;

/** The window's {@link EngineWatcher}s, told as one. */
final class EngineWatchers implements EngineWatcher {
    private final List<EngineWatcher> all = new CopyOnWriteArrayList<>();

    void add(EngineWatcher w) {
        all.add(w);
    }

    void remove(EngineWatcher w) {
        all.remove(w);
    }

    /**
     * Restarts from the engine's starting flag, which turns on before the new engine's VMs start
     * and report; advances from the virtual clock, which a restart sets back to zero, so only
     * forward moves count.
     */
    void follow(ObservableBooleanValue starting, ObservableNumberValue virtualMillis) {
        starting.addListener(
                (o, was, now) -> {
                    if (now) {
                        onRestart();
                    }
                });
        virtualMillis.addListener(
                (o, was, now) -> {
                    long moved = now.longValue() - was.longValue();
                    if (moved > 0) {
                        onAdvance(moved);
                    }
                });
    }

    @Override
    public void onTrace(TraceEvent event) {
        all.forEach(w -> w.onTrace(event));
    }

    @Override
    public void onExchange(RecordedExchange exchange) {
        all.forEach(w -> w.onExchange(exchange));
    }

    @Override
    public void onAdvance(long millis) {
        all.forEach(w -> w.onAdvance(millis));
    }

    @Override
    public void onRestart() {
        all.forEach(EngineWatcher::onRestart);
    }
}
