package io.filterplayground.engine.scenario;

import java.util.List;

/**
 * A TCP listener: its Wasm network filters in order (Envoy runs read filters in order, write
 * filters in reverse), ending in a TCP proxy to {@code route}, a TCP cluster. It is a {@code
 * listener: tcp} scenario's one listener, or the {@code tcpListener:} an http scenario adds beside
 * its HTTP listener.
 */
public record TcpListenerSpec(List<FilterSpec> filters, String route) {
    public TcpListenerSpec {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
