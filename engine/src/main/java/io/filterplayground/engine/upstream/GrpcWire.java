package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * gRPC over HTTP/2, for a unary call to a real upstream: the request a cluster sends ({@code POST
 * /service/method}, {@code application/grpc}, length-prefixed message) and the reading of its
 * answer into the status, metadata and message a filter receives. Status codes for transport
 * failures follow Envoy's async gRPC client (a connection failure or reset is UNAVAILABLE, a
 * timeout DEADLINE_EXCEEDED, other HTTP statuses as {@code Grpc::Utility::httpToGrpcStatus}).
 */
public final class GrpcWire {
    public static final int OK = 0;
    public static final int UNKNOWN = 2;
    public static final int DEADLINE_EXCEEDED = 4;
    public static final int PERMISSION_DENIED = 7;
    public static final int UNIMPLEMENTED = 12;
    public static final int INTERNAL = 13;
    public static final int UNAVAILABLE = 14;
    public static final int UNAUTHENTICATED = 16;

    private GrpcWire() {}

    /** The HTTP/2 request of a unary call; {@code metadata} is the filter's initial metadata. */
    public static UpstreamCall request(
            String authority,
            String service,
            String method,
            Headers metadata,
            byte[] message,
            long timeoutMillis) {
        List<Header> h = new ArrayList<>();
        h.add(new Header(":method", "POST"));
        h.add(new Header(":path", "/" + service + "/" + method));
        h.add(new Header(":authority", authority));
        h.add(new Header("content-type", "application/grpc"));
        h.add(new Header("te", "trailers"));
        if (timeoutMillis > 0) {
            h.add(new Header("grpc-timeout", timeoutMillis + "m"));
        }
        for (Header m : metadata) {
            if (!m.name().startsWith(":")) {
                h.add(m);
            }
        }
        byte[] framed =
                ByteBuffer.allocate(5 + message.length)
                        .put((byte) 0)
                        .putInt(message.length)
                        .put(message)
                        .array();
        return new UpstreamCall(Headers.of(h), framed, Headers.empty(), timeoutMillis);
    }

    /** What a unary call's answer means to the filter: status, metadata and the message. */
    public static GrpcReply reply(UpstreamResult r) {
        if (!r.ok()) {
            int status = "timeout".equals(r.failure()) ? DEADLINE_EXCEEDED : UNAVAILABLE;
            return new GrpcReply(status, r.message(), Headers.empty(), null, Headers.empty());
        }
        // A trailers-only answer (an error without a body) carries grpc-status in its headers.
        Headers trailing = r.trailers().contains("grpc-status") ? r.trailers() : r.headers();
        String grpcStatus = trailing.first("grpc-status").orElse(null);
        if (grpcStatus == null) {
            return new GrpcReply(
                    r.status() == 200 ? UNKNOWN : fromHttp(r.status()),
                    "upstream answered HTTP " + r.status() + " without grpc-status",
                    r.headers(),
                    null,
                    Headers.empty());
        }
        int status;
        try {
            status = Integer.parseInt(grpcStatus.trim());
        } catch (NumberFormatException e) {
            status = UNKNOWN;
        }
        String message = decode(trailing.first("grpc-message").orElse(""));
        Headers initial = trailing == r.headers() ? Headers.empty() : r.headers();
        List<byte[]> messages;
        try {
            messages = deframe(r.body());
        } catch (IllegalArgumentException e) {
            return new GrpcReply(INTERNAL, e.getMessage(), initial, null, r.trailers());
        }
        if (messages.size() > 1) {
            return new GrpcReply(
                    INTERNAL,
                    "a unary call answered with " + messages.size() + " messages",
                    initial,
                    null,
                    r.trailers());
        }
        byte[] response = messages.isEmpty() ? null : messages.get(0);
        return new GrpcReply(status, message, initial, response, trailing);
    }

    /** The messages of a gRPC body: each a 1-byte compressed flag and a 4-byte length. */
    static List<byte[]> deframe(byte[] body) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            if (b.remaining() < 5) {
                throw new IllegalArgumentException("truncated gRPC message prefix");
            }
            byte compressed = b.get();
            int length = b.getInt();
            if (compressed != 0) {
                throw new IllegalArgumentException(
                        "compressed gRPC message (no grpc-encoding was asked for)");
            }
            if (length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException(
                        "gRPC message of "
                                + Integer.toUnsignedString(length)
                                + " bytes with "
                                + b.remaining()
                                + " left");
            }
            byte[] m = new byte[length];
            b.get(m);
            out.add(m);
        }
        return out;
    }

    /** Envoy's {@code Grpc::Utility::httpToGrpcStatus}. */
    static int fromHttp(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> INTERNAL;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> UNIMPLEMENTED;
            case 429, 502, 503, 504 -> UNAVAILABLE;
            default -> UNKNOWN;
        };
    }

    /** grpc-message is percent-encoded. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
