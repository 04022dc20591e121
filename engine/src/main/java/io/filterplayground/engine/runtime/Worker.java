package io.filterplayground.engine.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A worker thread (Envoy {@code --concurrency}) or the main thread: an event loop plus the state
 * that lives on it (its VMs, Lua states, filter factories), which only its own thread touches.
 */
public final class Worker extends EventLoop {
    /** Index of the main thread, which runs singleton services and no streams. */
    public static final int MAIN = -1;

    private final int index;
    private final Map<Object, Object> locals = new HashMap<>();

    public Worker(int index, Activity activity, Consumer<Throwable> onError) {
        this(index, activity, onError, false);
    }

    private Worker(int index, Activity activity, Consumer<Throwable> onError, boolean driven) {
        super(index == MAIN ? "main" : "worker-" + index, activity, onError, driven);
        this.index = index;
    }

    /**
     * A worker driven by the calling thread instead of a thread of its own (see {@link EventLoop}):
     * what the host harness runs a VM on.
     */
    public static Worker drivenByCaller(int index, Activity activity, Consumer<Throwable> onError) {
        return new Worker(index, activity, onError, true);
    }

    public int index() {
        return index;
    }

    public boolean isMain() {
        return index == MAIN;
    }

    /** Short tag used in VM names: {@code w0}, {@code w1}, {@code main}. */
    public String tag() {
        return isMain() ? "main" : "w" + index;
    }

    /** Thread-local state keyed by its owner; only call on this worker's thread. */
    @SuppressWarnings("unchecked")
    public <T> T local(Object key, Supplier<T> create) {
        return (T) locals.computeIfAbsent(key, k -> create.get());
    }

    @SuppressWarnings("unchecked")
    public <T> T localOrNull(Object key) {
        return (T) locals.get(key);
    }

    /** Every thread-local value; only call on this worker's thread. */
    public java.util.Collection<Object> locals() {
        return locals.values();
    }
}
