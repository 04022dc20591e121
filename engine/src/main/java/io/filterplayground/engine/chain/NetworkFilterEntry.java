package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.NetworkFilter;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import java.util.Map;

/** One filter's place in a TCP connection, and its view of it (read and write callbacks). */
final class NetworkFilterEntry extends FilterEntry implements ConnectionCallbacks {
    private final NetworkConnection connection;
    NetworkFilter filter;

    /** Whether {@link NetworkFilter#onNewConnection} ran (Envoy's {@code initialized_}). */
    boolean initialized;

    NetworkFilterEntry(NetworkConnection connection, String name, int chainIndex) {
        super(name, chainIndex);
        this.connection = connection;
    }

    @Override
    public long streamId() {
        return connection.id();
    }

    @Override
    public String filterName() {
        return name;
    }

    @Override
    public int filterIndex() {
        return chainIndex;
    }

    @Override
    public Worker worker() {
        return connection.worker();
    }

    @Override
    public Tracer tracer() {
        return connection.tracer;
    }

    @Override
    public StreamInfo streamInfo() {
        return connection.info();
    }

    @Override
    public Buffer downstreamData() {
        return connection.readBuffer();
    }

    @Override
    public Buffer upstreamData() {
        return connection.writeBuffer();
    }

    @Override
    public void continueReading() {
        connection.control(() -> connection.continueReading(this));
    }

    @Override
    public void close(String details) {
        connection.requestStop(() -> connection.closeLocally(name, details));
    }

    @Override
    public void attribute(Runnable work) {
        connection.attribute(this, work);
    }

    @Override
    public Map<String, byte[]> filterState() {
        return connection.filterState();
    }
}
