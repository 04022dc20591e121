package io.filterplayground.engine.filter;

/**
 * A connection closing, from the proxy's point of view (Envoy's {@code Network::ConnectionEvent}):
 * the proxy closed it (a filter, or the TCP proxy after the upstream closed), or the client did.
 */
public enum ConnectionEvent {
    /** The proxy closed the downstream connection: Proxy-Wasm peer type Local (1). */
    LOCAL_CLOSE,
    /** The client closed it: Proxy-Wasm peer type Remote (2). */
    REMOTE_CLOSE
}
