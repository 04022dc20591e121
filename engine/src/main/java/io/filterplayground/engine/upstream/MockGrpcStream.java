package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A mock cluster's gRPC server, played from its {@code grpc:} script as HTTP/2 would carry it: the
 * response headers with the initial metadata when the stream opens, the scripted response message
 * for each message the filter sends, and the trailers ({@code grpc-status}, {@code grpc-message},
 * the trailing metadata) once the filter half-closes. Without a script the cluster answers as
 * Envoy's router does for a gRPC request it cannot forward (UNAVAILABLE, trailers only). Each step
 * is posted to the caller's loop and read by {@link GrpcStreamDecoder}, as a real answer is.
 */
final class MockGrpcStream implements GrpcStream {
    private final GrpcReply script;
    private final Executor loop;
    private final GrpcStreamDecoder decoder;
    private boolean localClosed;
    private boolean reset;

    MockGrpcStream(String cluster, GrpcReply script, Executor loop, GrpcStreamCallbacks callbacks) {
        this.script = script;
        this.loop = loop;
        this.decoder = new GrpcStreamDecoder(callbacks, () -> reset = true);
        if (script == null) {
            Headers reply =
                    GrpcWire.localReply(
                            GrpcWire.UNAVAILABLE,
                            "cluster '"
                                    + cluster
                                    + "' has no gRPC script (mock clusters answer gRPC from"
                                    + " grpc:)");
            post(() -> decoder.onHeaders(reply, true));
            return;
        }
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(":status", "200"));
        headers.add(new Header("content-type", "application/grpc"));
        headers.addAll(script.initialMetadata().withoutPseudo().entries());
        Headers initial = Headers.of(headers);
        post(() -> decoder.onHeaders(initial, false));
    }

    @Override
    public void sendMessage(byte[] message, boolean endStream) {
        if (script == null || localClosed) {
            return;
        }
        if (script.response() != null) {
            byte[] framed = GrpcWire.frame(script.response());
            post(() -> decoder.onData(framed, false));
        }
        if (endStream) {
            closeStream();
        }
    }

    @Override
    public void closeStream() {
        if (script == null || localClosed) {
            return;
        }
        localClosed = true;
        List<Header> trailers = new ArrayList<>();
        trailers.add(new Header("grpc-status", Integer.toString(script.status())));
        if (!script.message().isEmpty()) {
            trailers.add(new Header("grpc-message", GrpcWire.encode(script.message())));
        }
        trailers.addAll(script.trailingMetadata().withoutPseudo().entries());
        Headers t = Headers.of(trailers);
        post(() -> decoder.onTrailers(t));
    }

    @Override
    public void resetStream() {
        reset = true;
    }

    private void post(Runnable step) {
        loop.execute(
                () -> {
                    if (!reset) {
                        step.run();
                    }
                });
    }
}
