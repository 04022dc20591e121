package io.filterplayground.engine.upstream;

/** One open connection to a TCP upstream. Call it from the loop it was opened on. */
public interface TcpUpstream {
    /** Sends bytes; {@code endStream} half-closes the proxy's side. */
    void write(byte[] data, boolean endStream);

    /** Closes the connection (the upstream hears nothing more). */
    void close();

    /** What the upstream does, told on the proxy's loop. */
    interface Listener {
        /** Connected: {@code host}:{@code port} is the upstream's address. */
        void onConnected(String host, int port);

        /** Bytes from the upstream; {@code endStream}: it half-closed its side. */
        void onData(byte[] data, boolean endStream);

        /** The upstream closed the connection. */
        void onClosed();

        /** The connection could not be made ({@code why} in plain words). */
        void onConnectFailure(String why);
    }
}
