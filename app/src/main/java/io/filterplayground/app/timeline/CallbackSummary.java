package io.filterplayground.app.timeline;

import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.engine.trace.CallbackEvent;
import java.util.Map;

/**
 * What a network callback's arguments tell at a glance, for its chip: the size of the data and
 * whether it ends the stream ({@code 6 B · eos}), or who closed the connection ({@code peer
 * Remote}), as {@code proxy_on_downstream_data(context_id, data_size, end_of_stream)} and {@code
 * proxy_on_*_connection_close(context_id, peer_type)} carry them.
 */
final class CallbackSummary {
    private CallbackSummary() {}

    static String of(CallbackEvent c) {
        Map<String, Object> args = c.args();
        if (args == null || c.name() == null) {
            return "";
        }
        return switch (c.name()) {
            case "proxy_on_downstream_data", "proxy_on_upstream_data" ->
                    args.get("data_size")
                            + " B"
                            + (Boolean.TRUE.equals(args.get("end_of_stream")) ? " · eos" : "");
            case "proxy_on_downstream_connection_close", "proxy_on_upstream_connection_close" ->
                    "peer " + peer(args.get("peer_type"));
            default -> "";
        };
    }

    /** {@code Remote} for 2: Proxy-Wasm's {@code PeerType}. */
    private static String peer(Object code) {
        for (PeerType p : PeerType.values()) {
            if (code instanceof Number n && n.intValue() == p.code()) {
                return p.displayName();
            }
        }
        return String.valueOf(code);
    }
}
