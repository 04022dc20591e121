package io.filterplayground.engine.natives;

import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HttpFilterFactory;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.EnumSet;
import java.util.Set;

/**
 * A built-in filter of the chain: Envoy's third extension style (filters compiled into the proxy).
 * Its configuration is read and checked when the scenario starts; its per-worker state (a token
 * bucket, say) is made on each worker by {@link #start}. Each stream gets a {@link
 * NativeHttpFilter}.
 */
public abstract class NativeChainFilter implements ChainFilter {
    protected final String name;
    protected final String kind;
    protected final HostEnvironment env;
    private final Set<Stage> stages;

    protected NativeChainFilter(String name, String kind, HostEnvironment env, Set<Stage> stages) {
        this.name = name;
        this.kind = kind;
        this.env = env;
        this.stages = EnumSet.copyOf(stages);
    }

    @Override
    public String name() {
        return name;
    }

    /** The built-in's kind, e.g. {@code local-rate-limit}. */
    public String kind() {
        return kind;
    }

    /**
     * The stages this filter takes part in. Like Envoy's decoder-only or encoder-only filters, a
     * native filter is not called (and shows no callback) at stages it does not handle.
     */
    public boolean handles(Stage stage) {
        return stages.contains(stage);
    }

    /** The name shown as the "VM" of its events: there is no VM, only the built-in's kind. */
    String vmLabel() {
        return "native:" + kind;
    }

    @Override
    public void start(Worker worker) {}

    @Override
    public HttpFilterFactory factory(Worker worker) {
        return callbacks -> newStream(callbacks, worker);
    }

    /** This filter's part in one stream on {@code worker}. */
    protected abstract NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker);
}
