package io.filterplayground.engine.chain;

import io.filterplayground.engine.debug.Debugger;
import io.filterplayground.engine.filter.NetworkFilterFactory;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.upstream.TcpCluster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A TCP listener on one worker: each accepted connection runs through the network filter chain to a
 * TCP proxy. Keeps the connections still open so they can be closed at shutdown. Only its worker's
 * thread touches it.
 */
public final class TcpListener {
    /** A network filter factory with the display name of its filter and its index. */
    public record Named(String name, int chainIndex, NetworkFilterFactory factory) {}

    /** What the listener is configured with, shared by every worker. */
    public record Config(
            Tracer tracer,
            PlaygroundClock clock,
            Debugger debugger,
            String routeName,
            TcpCluster route) {}

    private final Worker worker;
    private final Config config;
    private final List<Named> filters;
    private final List<AccessLog> accessLogs;
    private final Set<NetworkConnection> open = new LinkedHashSet<>();

    public TcpListener(
            Worker worker, Config config, List<Named> filters, List<AccessLog> accessLogs) {
        this.worker = worker;
        this.config = config;
        this.filters = List.copyOf(filters);
        this.accessLogs = List.copyOf(accessLogs);
    }

    /** Accepts a connection: call on the worker's loop. */
    public NetworkConnection accept(long connectionId, NetworkConnection.Listener listener) {
        StreamInfo info =
                StreamInfo.connection(
                        connectionId,
                        config.clock().epochNanos(),
                        config.clock().monotonicNanos(),
                        config.routeName());
        NetworkConnection c =
                new NetworkConnection(
                        this,
                        info,
                        done -> {
                            open.remove(done);
                            listener.onComplete(done);
                        });
        open.add(c);
        c.start();
        return c;
    }

    /** Closes the connections still open, as Envoy does when it shuts down. */
    public void shutdown() {
        for (NetworkConnection c : List.copyOf(open)) {
            c.shutdown();
        }
    }

    /** Connections still open on this worker. */
    public List<NetworkConnection> openConnections() {
        return new ArrayList<>(open);
    }

    Worker worker() {
        return worker;
    }

    Tracer tracer() {
        return config.tracer();
    }

    PlaygroundClock clock() {
        return config.clock();
    }

    Debugger debugger() {
        return config.debugger();
    }

    String routeName() {
        return config.routeName();
    }

    TcpCluster route() {
        return config.route();
    }

    List<Named> filters() {
        return filters;
    }

    List<AccessLog> accessLogs() {
        return accessLogs;
    }
}
