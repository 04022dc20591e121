package io.filterplayground.engine.harness;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.wasm.StreamContext;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import io.filterplayground.engine.wasm.callback.NetworkCallbacks;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One TCP connection's stream context of a {@link HostHarness}: call the network callbacks in the
 * order Envoy would, then read back what the filter did. Bytes a callback paused on stay buffered,
 * so the next data callback of that direction gets them again with the new ones, as Envoy's read
 * buffer does. The context is created ({@code proxy_on_context_create}) with the first callback.
 */
public final class NetworkContext {
    private final HostHarness host;
    private final Connection connection;
    private final StreamContext ctx;
    private boolean created;
    private Buffer downstream = new Buffer();
    private Buffer upstream = new Buffer();
    private boolean downstreamHeld;
    private boolean upstreamHeld;
    private String closeDetails;
    private int continueReadingCalls;

    NetworkContext(HostHarness host, long connectionId) {
        this.host = host;
        this.connection = new Connection(connectionId);
        this.ctx = host.vm().newStream(host.root(), connection);
    }

    public int contextId() {
        return ctx.id();
    }

    public Action onNewConnection() {
        return run(() -> NetworkCallbacks.newConnection(ctx));
    }

    public Action onDownstreamData(byte[] chunk, boolean endOfStream) {
        downstream = held(downstreamHeld ? downstream : null, chunk);
        Action a = run(() -> NetworkCallbacks.downstreamData(ctx, downstream, endOfStream));
        downstreamHeld = a != Action.CONTINUE;
        return a;
    }

    public Action onUpstreamData(byte[] chunk, boolean endOfStream) {
        upstream = held(upstreamHeld ? upstream : null, chunk);
        Action a = run(() -> NetworkCallbacks.upstreamData(ctx, upstream, endOfStream));
        upstreamHeld = a != Action.CONTINUE;
        return a;
    }

    public void onDownstreamConnectionClose(PeerType peer) {
        run(
                () -> {
                    NetworkCallbacks.downstreamClose(ctx, peer);
                    return null;
                });
    }

    public void onUpstreamConnectionClose(PeerType peer) {
        run(
                () -> {
                    NetworkCallbacks.upstreamClose(ctx, peer);
                    return null;
                });
    }

    /** Envoy's end of a TCP context: {@code on_done}, {@code on_log}, {@code on_delete}. */
    public void complete() {
        run(
                () -> {
                    host.vm().call(Callback.DONE, ctx);
                    LifecycleCallbacks.log(ctx);
                    host.vm().call(Callback.DELETE, ctx);
                    host.vm().forget(ctx);
                    return null;
                });
    }

    private static Buffer held(Buffer before, byte[] chunk) {
        Buffer b = before == null ? new Buffer() : before;
        b.append(chunk);
        return b;
    }

    private <T> T run(Callable<T> callback) {
        return host.worker()
                .call(
                        () -> {
                            if (!created) {
                                created = true;
                                LifecycleCallbacks.createStream(ctx);
                            }
                            return callback.call();
                        });
    }

    // ---- what the filter did -----------------------------------------------------------------

    /** The downstream bytes as the filter left them in its last downstream callback. */
    public byte[] downstreamData() {
        return downstream.bytes();
    }

    public byte[] upstreamData() {
        return upstream.bytes();
    }

    /** The details of a close the filter asked for ({@code proxy_close_stream}), or null. */
    public String closeDetails() {
        return closeDetails;
    }

    /** How many times the filter resumed the downstream ({@code proxy_continue_stream}). */
    public int continueReadingCalls() {
        return continueReadingCalls;
    }

    /** The connection as the filter's hostcalls see it. */
    private final class Connection implements ConnectionCallbacks {
        private final StreamInfo info;
        private final Map<String, byte[]> filterState = new HashMap<>();

        Connection(long id) {
            info =
                    StreamInfo.connection(
                            id,
                            host.env().clock().epochNanos(),
                            host.env().clock().monotonicNanos(),
                            "");
        }

        @Override
        public long streamId() {
            return info.streamId;
        }

        @Override
        public String filterName() {
            return host.vm().spec().displayName();
        }

        @Override
        public int filterIndex() {
            return 0;
        }

        @Override
        public Worker worker() {
            return host.worker();
        }

        @Override
        public Tracer tracer() {
            return host.env().tracer();
        }

        @Override
        public StreamInfo streamInfo() {
            return info;
        }

        @Override
        public Buffer downstreamData() {
            return downstream;
        }

        @Override
        public Buffer upstreamData() {
            return upstream;
        }

        @Override
        public void continueReading() {
            continueReadingCalls++;
        }

        @Override
        public void close(String details) {
            closeDetails = details;
        }

        @Override
        public void attribute(Runnable work) {
            work.run();
        }

        @Override
        public Map<String, byte[]> filterState() {
            return filterState;
        }
    }
}
