package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionEvent;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.ResponseFlag;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TCP connection through the network filter chain on one worker, ending in a {@link TcpProxy}:
 * Envoy's network filter manager ({@code source/common/network/filter_manager_impl.cc}). Client
 * bytes gather in the connection's read buffer and run through the read filters in chain order,
 * from the first filter each time new bytes arrive, until the TCP proxy takes them; a filter that
 * stops holds everything behind it until it calls {@code continueReading} or more bytes come.
 * Upstream bytes run through the write filters in reverse order and reach the client when every
 * filter lets them through. When the connection closes, every filter hears it in chain order.
 */
public final class NetworkConnection extends FilterManager {
    /** Told when the connection is over. */
    @FunctionalInterface
    public interface Listener {
        void onComplete(NetworkConnection connection);
    }

    private final TcpListener owner;
    private final StreamInfo info;
    private final Listener listener;
    private final TcpProxy proxy;
    private final List<NetworkFilterEntry> entries = new ArrayList<>();
    private final Map<String, byte[]> filterState = new HashMap<>();
    private final Buffer readBuffer = new Buffer();
    private final Buffer writeBuffer = new Buffer();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean readEnd;
    private boolean writeEnd;
    private boolean clientEnded;
    private boolean upstreamEnded;
    private String closedBy;

    NetworkConnection(TcpListener owner, StreamInfo info, Listener listener) {
        super(owner.tracer(), owner.debugger());
        this.owner = owner;
        this.info = info;
        this.listener = listener;
        this.proxy = new TcpProxy(this, owner.routeName(), owner.route());
    }

    @Override
    public long id() {
        return info.streamId;
    }

    public StreamInfo info() {
        return info;
    }

    public Worker worker() {
        return owner.worker();
    }

    public boolean finished() {
        return finished;
    }

    Buffer readBuffer() {
        return readBuffer;
    }

    Buffer writeBuffer() {
        return writeBuffer;
    }

    Map<String, byte[]> filterState() {
        return filterState;
    }

    // ---- what happens to the connection ----------------------------------------------------

    /** The client connected: every filter hears {@code onNewConnection}, in order. */
    void start() {
        topLevel(
                () -> {
                    emit(
                            "connection",
                            null,
                            "from "
                                    + info.downstreamRemoteAddress
                                    + ":"
                                    + info.downstreamRemotePort
                                    + " to "
                                    + info.downstreamLocalAddress
                                    + ":"
                                    + info.downstreamLocalPort);
                    for (TcpListener.Named f : owner.filters()) {
                        NetworkFilterEntry e =
                                new NetworkFilterEntry(this, f.name(), f.chainIndex());
                        e.filter = f.factory().create(e);
                        if (e.filter != null) {
                            entries.add(e);
                        } else {
                            emit(
                                    "skipped",
                                    f.name(),
                                    "filter not added to this connection (fail open)");
                        }
                    }
                    readFrom(0);
                });
    }

    /** Bytes from the client ({@code endStream}: it half-closed its side). */
    public void clientData(byte[] data, boolean endStream) {
        if (finished || clientEnded) {
            return;
        }
        topLevel(
                () -> {
                    clientEnded = endStream;
                    emit(
                            "data",
                            null,
                            "downstream: "
                                    + data.length
                                    + " byte(s) from the client"
                                    + (endStream ? ", end of stream (half-close)" : ""));
                    readBuffer.append(data);
                    readEnd |= endStream;
                    readFrom(0);
                    closeIfBothEnded(ConnectionEvent.REMOTE_CLOSE, "downstream");
                });
    }

    /** The client closed the connection: a remote close for the proxy. */
    public void clientClose() {
        if (finished) {
            return;
        }
        topLevel(
                () ->
                        close(
                                ConnectionEvent.REMOTE_CLOSE,
                                "downstream",
                                "the client closed the connection"));
    }

    /**
     * The upstream closes the connection: its end of stream reaches the write filters first if it
     * has not yet, then the TCP proxy closes the client's side.
     */
    public void upstreamClose() {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    if (!writeEnd) {
                        upstreamData(new byte[0], true);
                    }
                    closeLocally(
                            "upstream", "the upstream closed: the TCP proxy closes the downstream");
                });
    }

    /**
     * The client's steps are over with the connection still open: if the upstream ended its side,
     * the TCP proxy closes the connection; otherwise the client does.
     */
    public void end() {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    if (upstreamEnded) {
                        closeLocally(
                                "upstream",
                                "the upstream ended its side and the client sent nothing more: the"
                                        + " TCP proxy closes the connection");
                    } else {
                        close(
                                ConnectionEvent.REMOTE_CLOSE,
                                "downstream",
                                "the client's steps are over: it closes the connection");
                    }
                });
    }

    /** Ends a connection still open when the playground closes, as Envoy does at shutdown. */
    public void shutdown() {
        if (!finished) {
            topLevel(
                    () ->
                            closeLocally(
                                    "playground",
                                    "the playground closed while the connection was open"));
        }
    }

    // ---- the read path (client -> upstream) -------------------------------------------------

    /** Envoy's {@code continueReading} from {@code e}: the filters after it, then the proxy. */
    void continueReading(NetworkFilterEntry e) {
        int i = entries.indexOf(e);
        if (i >= 0 && !finished) {
            emit("resumed", e.name, "downstream iteration continues after " + e.name);
            readFrom(i + 1);
        }
    }

    /** Envoy's {@code onContinueReading}: each filter from {@code pos}, then the TCP proxy. */
    private void readFrom(int pos) {
        for (; pos < entries.size(); pos++) {
            NetworkFilterEntry e = entries.get(pos);
            if (!e.initialized) {
                e.initialized = true;
                FilterStatus st = newConnection(e);
                if (halted()) {
                    return;
                }
                if (!st.isContinue()) {
                    emit(
                            "paused",
                            e.name,
                            "new connection held by "
                                    + e.name
                                    + ": later filters and the upstream wait until it continues");
                    return;
                }
            }
            if (readBuffer.length() > 0 || readEnd) {
                FilterStatus st =
                        invoke(
                                e,
                                Stage.DOWNSTREAM_DATA,
                                null,
                                readBuffer,
                                readEnd,
                                () -> e.filter.onData(readBuffer, readEnd));
                if (halted()) {
                    return;
                }
                if (!st.isContinue()) {
                    emit(
                            "paused",
                            e.name,
                            readBuffer.length()
                                    + " downstream byte(s) held by "
                                    + e.name
                                    + ": they stay in the read buffer and every filter sees them"
                                    + " again with the next bytes");
                    return;
                }
            }
        }
        proxy.connect();
        if (!finished) {
            proxy.data(readBuffer, readEnd);
        }
    }

    private FilterStatus newConnection(NetworkFilterEntry e) {
        FilterStatus[] st = {FilterStatus.CONTINUE};
        safely(e, () -> st[0] = e.filter.onNewConnection());
        return st[0] == null ? FilterStatus.CONTINUE : st[0];
    }

    // ---- the write path (upstream -> client) ------------------------------------------------

    /** Bytes from the upstream; {@code endStream}: it half-closed its side. */
    void upstreamData(byte[] data, boolean endStream) {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    emit(
                            "data",
                            null,
                            "upstream: "
                                    + data.length
                                    + " byte(s) from the upstream"
                                    + (endStream ? ", end of stream (half-close)" : ""));
                    writeBuffer.append(data);
                    writeEnd |= endStream;
                    writeThrough();
                    closeIfBothEnded(ConnectionEvent.LOCAL_CLOSE, "upstream");
                });
    }

    /** The write filters in reverse chain order; what passes them all reaches the client. */
    private void writeThrough() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            NetworkFilterEntry e = entries.get(i);
            FilterStatus st =
                    invoke(
                            e,
                            Stage.UPSTREAM_DATA,
                            null,
                            writeBuffer,
                            writeEnd,
                            () -> e.filter.onWrite(writeBuffer, writeEnd));
            if (halted()) {
                return;
            }
            if (!st.isContinue()) {
                emit(
                        "paused",
                        e.name,
                        writeBuffer.length()
                                + " upstream byte(s) held by "
                                + e.name
                                + ": Envoy has no continue on the write path, so they wait for the"
                                + " upstream's next bytes");
                return;
            }
        }
        received.writeBytes(writeBuffer.bytes());
        info.responseBodyBytes += writeBuffer.length();
        writeBuffer.clear();
        if (writeEnd) {
            upstreamEnded = true;
        }
    }

    // ---- the upstream ------------------------------------------------------------------------

    void upstreamConnected(String host, int port) {
        info.upstreamHost = host;
        info.upstreamPort = port;
        emit("upstream_connected", null, host + ":" + port);
    }

    /** The upstream went away: the TCP proxy closes the downstream. */
    void upstreamClosed() {
        upstreamClose();
    }

    /** The upstream could not be reached: Envoy flags UF and closes the downstream. */
    void upstreamFailed(String why) {
        if (finished) {
            return;
        }
        topLevel(
                () -> {
                    info.setResponseFlag(ResponseFlag.UPSTREAM_CONNECTION_FAILURE);
                    emit("upstream_failure", null, why);
                    closeLocally("upstream", "upstream connection failure (response flag UF)");
                });
    }

    // ---- closing ---------------------------------------------------------------------------

    /** Both directions ended (the client half-closed and the upstream's end reached it). */
    private void closeIfBothEnded(ConnectionEvent event, String by) {
        if (!finished && clientEnded && upstreamEnded) {
            close(event, by, "both sides ended their streams: the connection closes");
        }
    }

    void closeLocally(String by, String details) {
        close(ConnectionEvent.LOCAL_CLOSE, by, details);
    }

    private void close(ConnectionEvent event, String by, String details) {
        if (finished) {
            return;
        }
        finished = true;
        closedBy = by;
        emit(
                "close",
                null,
                (event == ConnectionEvent.LOCAL_CLOSE ? "local close" : "remote close")
                        + " by "
                        + by
                        + ": "
                        + details);
        info.endMonotonicNanos = owner.clock().monotonicNanos();
        for (NetworkFilterEntry e : entries) {
            safely(e, () -> e.filter.onEvent(event));
        }
        proxy.close();
        runAccessLoggers(owner.accessLogs(), name -> new NetworkFilterEntry(this, name, -1));
        for (NetworkFilterEntry e : entries) {
            safely(e, e.filter::onDestroy);
        }
        dropDeferred();
        emit("complete", null, "closed by " + by);
        listener.onComplete(this);
    }

    // ---- results -----------------------------------------------------------------------------

    /** Every byte the client received. */
    public byte[] received() {
        return received.toByteArray();
    }

    /** Every byte the upstream received. */
    public byte[] upstreamReceived() {
        return proxy.sent();
    }

    /** {@code downstream}, {@code upstream}, a filter's name, or {@code playground}. */
    public String closedBy() {
        return closedBy;
    }

    /** Time spent in each filter's callbacks (host JVM time), by filter name, in chain order. */
    public Map<String, Long> filterNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (TcpListener.Named f : owner.filters()) {
            m.put(f.name(), 0L);
        }
        for (NetworkFilterEntry e : entries) {
            m.put(e.name, e.nanos);
        }
        return m;
    }
}
