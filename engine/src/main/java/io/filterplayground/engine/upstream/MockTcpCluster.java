package io.filterplayground.engine.upstream;

import java.util.concurrent.Executor;

/** A {@link MockTcpSpec} as a cluster: answers on the proxy's loop, in order. */
public final class MockTcpCluster implements TcpCluster {
    /** The address mock upstreams report ({@code upstream.address}). */
    static final String HOST = "127.0.0.1";

    private final String name;
    private final MockTcpSpec spec;

    public MockTcpCluster(String name, MockTcpSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    @Override
    public String name() {
        return name;
    }

    public MockTcpSpec spec() {
        return spec;
    }

    @Override
    public TcpUpstream connect(Executor loop, TcpUpstream.Listener listener) {
        Connection c = new Connection(loop, listener);
        loop.execute(() -> listener.onConnected(HOST, 9000 + Math.floorMod(name.hashCode(), 1000)));
        return c;
    }

    private final class Connection implements TcpUpstream {
        private final Executor loop;
        private final TcpUpstream.Listener listener;
        private int nextReply;
        private boolean closed;
        private boolean ended;

        Connection(Executor loop, TcpUpstream.Listener listener) {
            this.loop = loop;
            this.listener = listener;
        }

        @Override
        public void write(byte[] data, boolean endStream) {
            if (closed || ended) {
                return;
            }
            if (spec.echo()) {
                if (data.length > 0 || endStream) {
                    ended = endStream;
                    reply(data.clone(), endStream);
                }
                return;
            }
            if (data.length == 0 || nextReply >= spec.replies().size()) {
                return;
            }
            byte[] reply = spec.replies().get(nextReply++);
            boolean last = nextReply == spec.replies().size();
            ended = last && spec.close();
            reply(reply, ended);
        }

        private void reply(byte[] data, boolean endStream) {
            loop.execute(
                    () -> {
                        if (!closed) {
                            listener.onData(data, endStream);
                        }
                    });
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
