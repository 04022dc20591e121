package io.filterplayground.engine.filter;

import java.util.StringJoiner;

/**
 * Facts about a stream that properties ({@code request.time}, {@code response.code}, {@code
 * source.address}...) and Lua's {@code streamInfo()} expose. Mutated on the stream's worker only.
 */
public final class StreamInfo {
    public final long streamId;
    public final long startEpochNanos;
    public final long startMonotonicNanos;
    public final String requestId;
    public final String protocol;
    public final String downstreamRemoteAddress;
    public final int downstreamRemotePort;
    public final String downstreamLocalAddress;
    public final int downstreamLocalPort;
    public final String routeName;
    public final String routeCluster;
    public long endMonotonicNanos;
    public int responseCode;
    public String responseCodeDetails;
    public long requestBodyBytes;
    public long responseBodyBytes;
    public String upstreamHost;

    /** The response flags set, a bit per {@link ResponseFlag#ordinal}. */
    private long legacyResponseFlags;

    public int upstreamPort;

    public StreamInfo(
            long streamId,
            long startEpochNanos,
            long startMonotonicNanos,
            String requestId,
            String routeCluster) {
        this(streamId, startEpochNanos, startMonotonicNanos, requestId, routeCluster, "HTTP/1.1");
    }

    private StreamInfo(
            long streamId,
            long startEpochNanos,
            long startMonotonicNanos,
            String requestId,
            String routeCluster,
            String protocol) {
        this.streamId = streamId;
        this.startEpochNanos = startEpochNanos;
        this.startMonotonicNanos = startMonotonicNanos;
        this.requestId = requestId;
        this.protocol = protocol;
        this.downstreamRemoteAddress = "127.0.0.1";
        this.downstreamRemotePort = 40000 + (int) (streamId % 20000);
        this.downstreamLocalAddress = "127.0.0.1";
        this.downstreamLocalPort = 10000;
        this.routeName = "playground_route";
        this.routeCluster = routeCluster;
    }

    /** Envoy's {@code StreamInfo::setResponseFlag}: a flag set once stays set. */
    public void setResponseFlag(ResponseFlag flag) {
        legacyResponseFlags |= 1L << flag.ordinal();
    }

    /** Envoy's response flags as its access logs print them ({@code UF,URX}); empty when none. */
    public String responseFlags() {
        StringJoiner codes = new StringJoiner(",");
        for (ResponseFlag f : ResponseFlag.values()) {
            if ((legacyResponseFlags & (1L << f.ordinal())) != 0) {
                codes.add(f.code());
            }
        }
        return codes.toString();
    }

    /**
     * Envoy's {@code legacyResponseFlags()}, what the {@code response.flags} attribute gives: bit
     * {@link ResponseFlag#ordinal} for each flag set.
     */
    public long legacyResponseFlags() {
        return legacyResponseFlags;
    }

    /** A TCP connection's facts: no request, so no request id and no protocol. */
    public static StreamInfo connection(
            long connectionId, long startEpochNanos, long startMonotonicNanos, String cluster) {
        return new StreamInfo(connectionId, startEpochNanos, startMonotonicNanos, "", cluster, "");
    }
}
