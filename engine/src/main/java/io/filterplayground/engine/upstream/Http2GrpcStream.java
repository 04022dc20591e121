package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.runtime.Activity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * A gRPC stream to a real upstream over HTTP/2, on OkHttp with a duplex request body: the request
 * headers go out at once, each message is written as it is sent, the local half-close ends the
 * request body, and the response (headers, each data chunk, trailers) is posted to the owner's loop
 * for {@link GrpcStreamDecoder} as it arrives. Writes run in order on a writer thread, never on the
 * loop, so a server that stops reading cannot stall the VM.
 *
 * <p>Activity: the stream counts as in flight while the playground waits for the server: from the
 * open to its first answer, from each message sent to the next answer, and from the half-close to
 * the end, each wait for at most {@link #WAIT_MILLIS}; after that the stream stays open, as in
 * Envoy, but a run no longer waits for it. A server that keeps streaming on its own is heard for as
 * long as the run lasts.
 */
final class Http2GrpcStream implements GrpcStream {
    private static final MediaType GRPC = MediaType.get("application/grpc");

    /**
     * Daemon threads for the duplex writes of every stream (each stream's writes stay in order).
     */
    private static final ExecutorService WRITERS =
            Executors.newCachedThreadPool(DaemonThreads.named("grpc-writer"));

    /** How long a run waits for a server's next answer (the HTTP read timeout of the clusters). */
    static final long WAIT_MILLIS = 15_000;

    private static final ScheduledExecutorService WAITS =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("grpc-wait"));

    private final HttpUrl base;
    private final Executor loop;
    private final Activity activity;
    private final GrpcStreamDecoder decoder;
    private final CompletableFuture<BufferedSink> sink = new CompletableFuture<>();
    private final Executor writer = new SerialExecutor(WRITERS);
    private Call call;

    // Loop-side state.
    private boolean reset;
    private boolean localClosed;
    private boolean awaiting;
    private int waits;
    private boolean done;

    Http2GrpcStream(HttpUrl base, Executor loop, Activity activity, GrpcStreamCallbacks callbacks) {
        this.base = base;
        this.loop = loop;
        this.activity = activity;
        this.decoder = new GrpcStreamDecoder(callbacks, this::resetStream);
    }

    void start(OkHttpClient client, GrpcStart start) {
        HttpUrl url = base.resolve(start.path().substring(1));
        if (url == null) {
            post(
                    () ->
                            decoder.onHeaders(
                                    GrpcWire.localReply(
                                            GrpcWire.INTERNAL,
                                            "cannot build a URL from path '" + start.path() + "'"),
                                    true));
            return;
        }
        Request.Builder b = new Request.Builder().url(url);
        b.header("te", "trailers");
        if (start.timeoutMillis() > 0) {
            b.header("grpc-timeout", start.timeoutMillis() + "m");
        }
        for (Header m : start.metadata()) {
            if (!m.name().startsWith(":") && !m.name().equals("host")) {
                b.addHeader(m.name(), m.value());
            }
        }
        b.post(new DuplexBody());
        call = client.newCall(b.build());
        expect();
        call.enqueue(
                new Callback() {
                    @Override
                    public void onFailure(Call failed, IOException e) {
                        sink.completeExceptionally(e);
                        post(() -> decoder.onHeaders(beforeHeaders(e), true));
                    }

                    @Override
                    public void onResponse(Call done, Response response) {
                        try (response) {
                            read(response);
                        }
                    }
                });
    }

    @Override
    public void sendMessage(byte[] message, boolean endStream) {
        if (reset || localClosed) {
            return;
        }
        byte[] framed = GrpcWire.frame(message);
        localClosed = endStream;
        expect();
        write(
                s -> {
                    s.write(framed);
                    if (endStream) {
                        s.close();
                    } else {
                        s.flush();
                    }
                });
    }

    @Override
    public void closeStream() {
        if (reset || localClosed) {
            return;
        }
        localClosed = true;
        expect();
        write(BufferedSink::close);
    }

    @Override
    public void resetStream() {
        if (reset) {
            return;
        }
        reset = true;
        if (call != null) {
            call.cancel();
        }
        finish();
    }

    /** The answer, read on OkHttp's thread: headers, data as it comes, then trailers. */
    private void read(Response response) {
        Headers headers = headers(response.code(), response.headers());
        // gRPC puts grpc-status in the response headers only in a trailers-only answer.
        boolean trailersOnly =
                headers.contains("grpc-status")
                        || "0".equals(response.header("content-length"))
                        || response.body() == null;
        post(() -> decoder.onHeaders(headers, trailersOnly));
        if (trailersOnly) {
            return;
        }
        try {
            BufferedSource source = response.body().source();
            Buffer chunk = new Buffer();
            while (source.read(chunk, 16 * 1024) != -1) {
                byte[] data = chunk.readByteArray();
                post(() -> decoder.onData(data, false));
            }
            Headers trailers = headers(-1, response.trailers());
            if (trailers.isEmpty()) {
                post(() -> decoder.onData(new byte[0], true));
            } else {
                post(() -> decoder.onTrailers(trailers));
            }
        } catch (IOException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            post(() -> decoder.onReset(base + ": " + what));
        }
    }

    /**
     * What Envoy's router answers a gRPC request that got no response headers: a connection failure
     * is UNAVAILABLE, a timeout DEADLINE_EXCEEDED (since Envoy's
     * grpc_timeout_returns_deadline_exceeded; UNAVAILABLE before).
     */
    private Headers beforeHeaders(IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof InterruptedIOException) {
            return GrpcWire.localReply(GrpcWire.DEADLINE_EXCEEDED, "upstream request timeout");
        }
        String reason =
                e instanceof ConnectException || e instanceof UnknownHostException
                        ? "remote connection failure"
                        : "connection termination";
        return GrpcWire.localReply(
                GrpcWire.UNAVAILABLE,
                "upstream connect error or disconnect/reset before headers. reset reason: "
                        + reason
                        + ", transport failure reason: "
                        + what);
    }

    private static Headers headers(int status, okhttp3.Headers h) {
        List<Header> out = new ArrayList<>(h.size() + 1);
        if (status >= 0) {
            out.add(new Header(":status", Integer.toString(status)));
        }
        for (int i = 0; i < h.size(); i++) {
            out.add(new Header(h.name(i).toLowerCase(Locale.ROOT), h.value(i)));
        }
        return Headers.of(out);
    }

    private interface SinkWrite {
        void write(BufferedSink s) throws IOException;
    }

    private void write(SinkWrite w) {
        writer.execute(
                () -> {
                    try {
                        w.write(sink.get());
                    } catch (ExecutionException | CancellationException e) {
                        // The call failed or was reset before its body opened: nothing to write.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        // The stream broke; its reader reports the reset.
                    }
                });
    }

    /** Posts an answer step to the loop; the step is an answer, so the wait for one is over. */
    private void post(Runnable step) {
        loop.execute(
                () -> {
                    if (reset) {
                        return;
                    }
                    step.run();
                    if (decoder.closed()) {
                        // Envoy resets the HTTP stream once the gRPC stream is closed
                        // (AsyncStreamImpl::cleanup), even if the local side is still open.
                        finish();
                        if (call != null) {
                            call.cancel();
                        }
                    } else if (!localClosed) {
                        answered();
                    }
                });
    }

    private void expect() {
        if (!awaiting && !done) {
            awaiting = true;
            activity.begin();
            int wait = ++waits;
            WAITS.schedule(
                    () ->
                            loop.execute(
                                    () -> {
                                        if (wait == waits) {
                                            answered();
                                        }
                                    }),
                    WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void answered() {
        if (awaiting) {
            awaiting = false;
            activity.end();
        }
    }

    private void finish() {
        answered();
        done = true;
        // The duplex body has to end as well, or OkHttp keeps the exchange and its connection.
        if (!sink.cancel(false)) {
            write(BufferedSink::close);
        }
    }

    /** The duplex request body: OkHttp hands over the stream's sink and the writes use it. */
    private final class DuplexBody extends RequestBody {
        @Override
        public MediaType contentType() {
            return GRPC;
        }

        @Override
        public boolean isDuplex() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink s) throws IOException {
            if (!sink.complete(s)) {
                s.close(); // the stream ended before OkHttp opened its body
            }
        }
    }
}
