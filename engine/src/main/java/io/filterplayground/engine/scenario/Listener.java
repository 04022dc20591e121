package io.filterplayground.engine.scenario;

/**
 * What the scenario's listener speaks: HTTP (the HTTP connection manager with the HTTP filter
 * chain, fed by requests) or TCP (a network filter chain ending in a TCP proxy, fed by
 * connections), as an Envoy listener's filter chain ends in one or the other.
 */
public enum Listener {
    HTTP,
    TCP
}
