package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.upstream.TcpCluster;
import io.filterplayground.engine.upstream.TcpUpstream;
import java.io.ByteArrayOutputStream;

/**
 * Envoy's TCP proxy at the end of the network filter chain: connects to the route's cluster once
 * every filter has let the connection through, takes all the client bytes that reach it, and hands
 * the upstream's bytes and close back to the connection.
 */
final class TcpProxy implements TcpUpstream.Listener {
    private final NetworkConnection connection;
    private final String clusterName;
    private final TcpCluster cluster;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Buffer waiting = new Buffer();
    private TcpUpstream upstream;
    private boolean connected;
    private boolean waitingEnd;
    private boolean ended;

    TcpProxy(NetworkConnection connection, String clusterName, TcpCluster cluster) {
        this.connection = connection;
        this.clusterName = clusterName;
        this.cluster = cluster;
    }

    /** The last read filter let the connection through: connect (once). */
    void connect() {
        if (upstream != null || ended) {
            return;
        }
        if (cluster == null) {
            connection.upstreamFailed(
                    "cluster '" + clusterName + "' does not exist (or is not TCP)");
            return;
        }
        connection.emit("upstream_connect", null, "to cluster " + clusterName);
        upstream = cluster.connect(connection.worker(), this);
    }

    /** Client bytes that passed every read filter: the proxy takes (drains) them all. */
    void data(Buffer readBuffer, boolean endStream) {
        byte[] bytes = readBuffer.bytes();
        readBuffer.clear();
        if (ended) {
            return;
        }
        // Envoy's tcp_proxy counts what it takes from the read filters as the bytes received.
        connection.info().requestBodyBytes += bytes.length;
        if (!connected) {
            waiting.append(bytes);
            waitingEnd |= endStream;
            return;
        }
        write(bytes, endStream);
    }

    private void write(byte[] bytes, boolean endStream) {
        if (bytes.length > 0 || endStream) {
            sent.writeBytes(bytes);
            upstream.write(bytes, endStream);
            ended = endStream;
        }
    }

    @Override
    public void onConnected(String host, int port) {
        connected = true;
        connection.upstreamConnected(host, port);
        if (!waiting.isEmpty() || waitingEnd) {
            write(waiting.bytes(), waitingEnd);
            waiting.clear();
        }
    }

    @Override
    public void onData(byte[] data, boolean endStream) {
        connection.upstreamData(data, endStream);
    }

    @Override
    public void onClosed() {
        connection.upstreamClosed();
    }

    @Override
    public void onConnectFailure(String why) {
        connection.upstreamFailed(why);
    }

    /** Closes the upstream side (the downstream closed, or the connection ended). */
    void close() {
        ended = true;
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Every byte the upstream received. */
    byte[] sent() {
        return sent.toByteArray();
    }
}
