package io.filterplayground.engine.filter;

/**
 * One filter's part in one TCP connection: Envoy's network (read + write) filter. Callbacks run on
 * the connection's worker thread. As in Envoy's network filter manager, {@link #onData} gets the
 * connection's whole read buffer: bytes a later filter (or the TCP proxy) has not taken yet are
 * delivered again, with the new ones, to every filter on the next read; {@link #onWrite} likewise
 * gets the upstream bytes not yet written to the client.
 */
public interface NetworkFilter {
    /** The connection is open. {@link FilterStatus#STOP_ITERATION} holds later filters back. */
    default FilterStatus onNewConnection() {
        return FilterStatus.CONTINUE;
    }

    /** Client bytes (read filters, in chain order); the filter may rewrite them in place. */
    default FilterStatus onData(Buffer data, boolean endStream) {
        return FilterStatus.CONTINUE;
    }

    /** Upstream bytes on their way to the client (write filters, in reverse chain order). */
    default FilterStatus onWrite(Buffer data, boolean endStream) {
        return FilterStatus.CONTINUE;
    }

    /** The downstream connection closed (every filter hears it, in chain order). */
    default void onEvent(ConnectionEvent event) {}

    /** The connection is gone; release per-connection state. */
    default void onDestroy() {}
}
