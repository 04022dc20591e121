package io.filterplayground.engine.scenario;

import java.util.Arrays;

/** One step of a downstream client's connection, in the order the client takes them. */
public sealed interface ConnectionStep {

    /** One chunk of downstream data; {@code endStream} half-closes the client's side with it. */
    record Send(byte[] data, boolean endStream) implements ConnectionStep {
        // A chunk is its bytes: two sends of the same bytes are the same step.
        @Override
        public boolean equals(Object o) {
            return o instanceof Send s && endStream == s.endStream && Arrays.equals(data, s.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(data) + Boolean.hashCode(endStream);
        }

        @Override
        public String toString() {
            return "Send[" + data.length + " bytes" + (endStream ? ", endStream" : "") + "]";
        }
    }

    /** Moves the virtual clock, firing due timers in order. */
    record Advance(long millis) implements ConnectionStep {}

    /**
     * One side closes the connection: the client (a remote close for the proxy) or the upstream.
     */
    record Close(Side side) implements ConnectionStep {}

    /** The two peers of a proxied connection, as Proxy-Wasm's {@code PeerType} tells them apart. */
    enum Side {
        DOWNSTREAM,
        UPSTREAM
    }
}
