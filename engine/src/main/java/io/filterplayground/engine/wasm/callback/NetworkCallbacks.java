package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Action;
import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.PeerType;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.StreamContext;
import io.filterplayground.engine.wasm.WasmVm;

/**
 * The network (L4) stream callbacks: a new connection, data in each direction, and the closes of
 * each side. The data is readable and writable through the buffer hostcalls ({@code
 * DownstreamData}, {@code UpstreamData}) while its callback runs.
 */
public final class NetworkCallbacks {
    private NetworkCallbacks() {}

    /** {@code proxy_on_new_connection}. */
    public static Action newConnection(StreamContext ctx) throws FilterTrapException {
        return Callback.NEW_CONNECTION.action(ctx.vm().call(Callback.NEW_CONNECTION, ctx));
    }

    /** {@code proxy_on_downstream_data}: client bytes (the whole read buffer so far). */
    public static Action downstreamData(StreamContext ctx, Buffer data, boolean eos)
            throws FilterTrapException {
        return data(ctx, Callback.DOWNSTREAM_DATA, BufferType.DOWNSTREAM_DATA, data, eos);
    }

    /** {@code proxy_on_upstream_data}: upstream bytes on their way to the client. */
    public static Action upstreamData(StreamContext ctx, Buffer data, boolean eos)
            throws FilterTrapException {
        return data(ctx, Callback.UPSTREAM_DATA, BufferType.UPSTREAM_DATA, data, eos);
    }

    private static Action data(
            StreamContext ctx, Callback cb, BufferType type, Buffer data, boolean eos)
            throws FilterTrapException {
        CallData body = new CallData.Body(type, data, eos);
        return cb.action(ctx.vm().call(cb, ctx, body, data.length(), eos ? 1 : 0));
    }

    /** {@code proxy_on_downstream_connection_close} with who closed it. */
    public static void downstreamClose(StreamContext ctx, PeerType peer)
            throws FilterTrapException {
        close(ctx, Callback.DOWNSTREAM_CONNECTION_CLOSE, peer);
    }

    /** {@code proxy_on_upstream_connection_close}; Envoy only ever says Unknown. */
    public static void upstreamClose(StreamContext ctx, PeerType peer) throws FilterTrapException {
        close(ctx, Callback.UPSTREAM_CONNECTION_CLOSE, peer);
    }

    private static void close(StreamContext ctx, Callback cb, PeerType peer)
            throws FilterTrapException {
        WasmVm vm = ctx.vm();
        if (vm.exports(cb)) {
            vm.call(cb, ctx, peer.code());
        }
    }
}
