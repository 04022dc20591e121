package io.filterplayground.engine.abi;

/** {@code proxy_peer_type_t}: who closed a connection, as the close callbacks report it. */
public enum PeerType {
    /** Not known: Envoy reports the upstream's close this way (it sees only its end of stream). */
    UNKNOWN(0, "Unknown"),
    /** The proxy closed it. */
    LOCAL(1, "Local"),
    /** The peer closed it. */
    REMOTE(2, "Remote");

    private final int code;
    private final String displayName;

    PeerType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }
}
