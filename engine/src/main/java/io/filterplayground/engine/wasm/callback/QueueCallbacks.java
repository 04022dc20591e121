package io.filterplayground.engine.wasm.callback;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.wasm.RootContext;

/** {@code proxy_on_queue_ready}: a shared queue the root context registered has new items. */
public final class QueueCallbacks {
    private QueueCallbacks() {}

    public static void queueReady(RootContext root, int token) {
        if (root.live() && root.vm().exports(Callback.QUEUE_READY)) {
            RootCalls.call(null, root, Callback.QUEUE_READY, null, token);
        }
    }
}
