package io.filterplayground.engine.upstream;

import java.util.concurrent.Executor;

/**
 * An upstream a TCP proxy connects to: a mock or a real server. Everything it reports arrives on
 * the caller's loop, never inline.
 */
public interface TcpCluster {
    String name();

    /** Opens a connection; the listener hears of it on {@code loop}. */
    TcpUpstream connect(Executor loop, TcpUpstream.Listener listener);
}
