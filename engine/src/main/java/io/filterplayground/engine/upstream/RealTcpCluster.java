package io.filterplayground.engine.upstream;

import io.filterplayground.engine.runtime.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real TCP server ({@code url: tcp://host:port}) reached through a plain socket: connected off
 * the worker with a timeout, read on a thread of its own, written in order on another. A write
 * keeps the playground busy until the server answers or {@code replyWaitMillis} pass, so a run
 * waits for a request-response server's reply before its next step.
 */
public final class RealTcpCluster implements TcpCluster {
    /** A server may send at most this much on one connection, as an HTTP body is capped. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * After an answer, how long the run still waits for more: a server that answers and closes at
     * once sends its close a moment later, and the run must see it before the client goes.
     */
    static final long SETTLE_MILLIS = 25;

    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tcp-upstream-timers"));

    private final String name;
    private final String host;
    private final int port;
    private final Activity activity;
    private final int connectTimeoutMillis;
    private final long replyWaitMillis;

    public RealTcpCluster(
            String name,
            String host,
            int port,
            Activity activity,
            int connectTimeoutMillis,
            long replyWaitMillis) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.activity = activity;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.replyWaitMillis = replyWaitMillis;
    }

    @Override
    public String name() {
        return name;
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public TcpUpstream connect(Executor loop, TcpUpstream.Listener listener) {
        Connection c = new Connection(loop, listener);
        c.start();
        return c;
    }

    private final class Connection implements TcpUpstream {
        private final Executor loop;
        private final TcpUpstream.Listener listener;
        private final Socket socket = new Socket();
        private final ExecutorService writer;
        private final AtomicBoolean closed = new AtomicBoolean();
        private int awaiting;

        Connection(Executor loop, TcpUpstream.Listener listener) {
            this.loop = loop;
            this.listener = listener;
            this.writer =
                    Executors.newSingleThreadExecutor(DaemonThreads.named("tcp-upstream-" + name));
        }

        void start() {
            activity.begin();
            writer.execute(
                    () -> {
                        try {
                            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
                        } catch (IOException e) {
                            post(
                                    () ->
                                            listener.onConnectFailure(
                                                    "cannot connect to "
                                                            + address()
                                                            + ": "
                                                            + e.getMessage()));
                            activity.end();
                            shutdown();
                            return;
                        }
                        post(() -> listener.onConnected(host, port));
                        Thread reader = new Thread(this::read, "tcp-upstream-" + name + "-read");
                        reader.setDaemon(true);
                        reader.start();
                        activity.end();
                    });
        }

        private void read() {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            try (InputStream in = socket.getInputStream()) {
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        answered(() -> listener.onData(new byte[0], true), true);
                        return;
                    }
                    total += n;
                    if (total > MAX_BYTES) {
                        answered(listener::onClosed, true);
                        close();
                        return;
                    }
                    byte[] chunk = Arrays.copyOf(buf, n);
                    answered(() -> listener.onData(chunk, false), false);
                }
            } catch (IOException e) {
                if (!closed.get()) {
                    answered(listener::onClosed, true);
                }
            }
        }

        /**
         * Posts what the server did, and ends the waits for an answer: at once when nothing more
         * can come ({@code last}), else a moment later, so a close right behind the answer lands
         * first.
         */
        private void answered(Runnable event, boolean last) {
            post(event);
            if (last) {
                endWaits(Integer.MAX_VALUE);
            } else {
                int answeredNow;
                synchronized (this) {
                    answeredNow = awaiting;
                }
                TIMERS.schedule(() -> endWaits(answeredNow), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        /** Ends up to {@code n} waits for an answer (the ones a later write added stay). */
        private synchronized void endWaits(int n) {
            for (int i = 0; i < n && awaiting > 0; i++) {
                awaiting--;
                activity.end();
            }
        }

        private void post(Runnable event) {
            loop.execute(
                    () -> {
                        if (!closed.get()) {
                            event.run();
                        }
                    });
        }

        @Override
        public void write(byte[] data, boolean endStream) {
            if (closed.get()) {
                return;
            }
            if (data.length > 0) {
                expectAnswer();
            }
            writer.execute(
                    () -> {
                        try {
                            OutputStream out = socket.getOutputStream();
                            out.write(data);
                            out.flush();
                            if (endStream) {
                                socket.shutdownOutput();
                            }
                        } catch (IOException e) {
                            if (!closed.get()) {
                                answered(listener::onClosed, true);
                            }
                        }
                    });
        }

        private void expectAnswer() {
            synchronized (this) {
                awaiting++;
                activity.begin();
            }
            TIMERS.schedule(
                    () -> {
                        synchronized (this) {
                            if (awaiting > 0) {
                                awaiting--;
                                activity.end();
                            }
                        }
                    },
                    replyWaitMillis,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing anyway.
                }
                endWaits(Integer.MAX_VALUE);
                shutdown();
            }
        }

        private void shutdown() {
            writer.shutdown();
        }
    }
}
