package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The receiving half of Envoy's {@code Grpc::AsyncStreamImpl} (source/common/grpc/
 * async_client_impl.cc): turns an HTTP/2 answer (headers, data, trailers, or a reset) into {@link
 * GrpcStreamCallbacks} in Envoy's order and with its statuses. {@code onHeaders} always gives the
 * initial metadata (empty for a trailers-only answer); a non-200 answer without {@code grpc-status}
 * ends as {@code httpToGrpcStatus}; every end that is not the server's trailers ({@code
 * streamError}) gives empty trailing metadata first; nothing follows the remote close. Runs on the
 * owner's loop.
 */
final class GrpcStreamDecoder {
    /** The largest message taken from a real upstream, as for HTTP bodies. */
    static final int MAX_MESSAGE = HttpCluster.MAX_BODY;

    private final GrpcStreamCallbacks callbacks;
    private final Runnable reset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean closed;

    /** Bytes the next whole frame needs, so a large message is not rescanned per chunk. */
    private long needed = GrpcWire.PREFIX;

    /** {@code reset} ends the transport after a stream error, as Envoy resets the stream. */
    GrpcStreamDecoder(GrpcStreamCallbacks callbacks, Runnable reset) {
        this.callbacks = callbacks;
        this.reset = reset;
    }

    boolean closed() {
        return closed;
    }

    void onHeaders(Headers headers, boolean endStream) {
        if (closed) {
            return;
        }
        int http = headers.first(":status").map(GrpcStreamDecoder::parse).orElse(0);
        boolean hasStatus = headers.contains("grpc-status");
        callbacks.onReceiveInitialMetadata(endStream ? Headers.empty() : headers);
        if (http != 200) {
            if (endStream && hasStatus) {
                onTrailers(headers);
            } else {
                streamError(GrpcWire.fromHttp(http), "");
            }
            return;
        }
        if (endStream) {
            onTrailers(headers);
        }
    }

    void onData(byte[] data, boolean endStream) {
        if (closed) {
            return;
        }
        partial.write(data, 0, data.length);
        if (partial.size() < needed) {
            if (endStream) {
                streamError(GrpcWire.UNKNOWN, "");
            }
            return;
        }
        needed = GrpcWire.PREFIX;
        ByteBuffer b = ByteBuffer.wrap(partial.toByteArray());
        while (b.remaining() >= GrpcWire.PREFIX) {
            int flags = b.get(b.position()) & 0xff;
            long length = Integer.toUnsignedLong(b.getInt(b.position() + 1));
            // Envoy's Grpc::Decoder refuses reserved flag bits; a compressed message was never
            // asked for (no grpc-encoding), so AsyncStreamImpl::onData fails it too.
            if ((flags & ~1) != 0 || (flags != 0 && length > 0) || length > MAX_MESSAGE) {
                streamError(GrpcWire.INTERNAL, "");
                return;
            }
            if (b.remaining() - GrpcWire.PREFIX < length) {
                needed = GrpcWire.PREFIX + length;
                break;
            }
            b.position(b.position() + GrpcWire.PREFIX);
            byte[] message = new byte[(int) length];
            b.get(message);
            callbacks.onReceiveMessage(message);
            if (closed) {
                return;
            }
        }
        partial.reset();
        partial.write(b.array(), b.position(), b.remaining());
        if (endStream) {
            streamError(GrpcWire.UNKNOWN, "");
        }
    }

    void onTrailers(Headers trailers) {
        if (closed) {
            return;
        }
        int status = trailers.first("grpc-status").map(GrpcStreamDecoder::parse).orElse(-1);
        String message = GrpcWire.decode(trailers.first("grpc-message").orElse(""));
        callbacks.onReceiveTrailingMetadata(trailers);
        close(status < 0 ? GrpcWire.UNKNOWN : status, message);
    }

    /** The transport failed after the answer began (Envoy's {@code onReset}: Internal). */
    void onReset(String message) {
        streamError(GrpcWire.INTERNAL, message);
    }

    private void streamError(int status, String message) {
        if (closed) {
            return;
        }
        callbacks.onReceiveTrailingMetadata(Headers.empty());
        close(status, message);
        reset.run();
    }

    private void close(int status, String message) {
        closed = true;
        callbacks.onRemoteClose(status, message);
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
