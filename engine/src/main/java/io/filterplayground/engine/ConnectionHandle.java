package io.filterplayground.engine;

import io.filterplayground.engine.chain.NetworkConnection;
import io.filterplayground.engine.runtime.Worker;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client's end of a TCP connection through a {@code listener: tcp} playground: what it sends,
 * when it closes, and the result once the connection is over. Each action runs on the connection's
 * worker, in the order it was asked for.
 */
public final class ConnectionHandle {
    private final Worker worker;
    private final long id;
    private final CompletableFuture<ConnectionResult> result = new CompletableFuture<>();
    private NetworkConnection connection;

    ConnectionHandle(Worker worker, long id) {
        this.worker = worker;
        this.id = id;
    }

    /** The connection's id ({@code connection.id}); its trace events carry it. */
    public long id() {
        return id;
    }

    /** Bytes from the client; {@code endStream} half-closes the client's side. */
    public void send(byte[] data, boolean endStream) {
        byte[] copy = data.clone();
        on(c -> c.clientData(copy, endStream));
    }

    /** The client closes the connection (a remote close for the proxy). */
    public void close() {
        on(NetworkConnection::clientClose);
    }

    /** The upstream closes the connection. */
    public void closeUpstream() {
        on(NetworkConnection::upstreamClose);
    }

    /**
     * The client has nothing more to do: if the upstream ended its side the proxy closes the
     * connection, otherwise the client does.
     */
    public void end() {
        on(NetworkConnection::end);
    }

    /** Completes when the connection is over. */
    public CompletableFuture<ConnectionResult> result() {
        return result;
    }

    void opened(NetworkConnection c) {
        connection = c;
    }

    void complete(ConnectionResult r) {
        result.complete(r);
    }

    private void on(Consumer<NetworkConnection> action) {
        worker.execute(
                () -> {
                    if (connection != null) {
                        action.accept(connection);
                    }
                });
    }
}
