package io.filterplayground.engine.upstream;

import io.filterplayground.engine.http.Headers;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * gRPC over HTTP/2 as Envoy's own client speaks it: the status codes, the length-prefixed message
 * frame, {@code grpc-message} percent-encoding, {@code Grpc::Utility::httpToGrpcStatus}, and the
 * trailers-only answer Envoy's router gives a gRPC request it cannot forward ({@code
 * Http::Utility::sendLocalReply} for a gRPC request: HTTP 200 with {@code grpc-status}).
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

    /** The frame prefix: a compressed flag byte and a 4-byte big-endian length. */
    static final int PREFIX = 5;

    private GrpcWire() {}

    /** One message as gRPC frames it (uncompressed). */
    public static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(PREFIX + message.length)
                .put((byte) 0)
                .putInt(message.length)
                .put(message)
                .array();
    }

    /**
     * The answer Envoy's router gives a gRPC request in place of an upstream's (no connection, a
     * timeout, no gRPC script): headers only, ending the stream.
     */
    static Headers localReply(int status, String message) {
        return Headers.of(
                ":status",
                "200",
                "content-type",
                "application/grpc",
                "grpc-status",
                Integer.toString(status),
                "grpc-message",
                encode(message));
    }

    /** Envoy's {@code Grpc::Utility::httpToGrpcStatus}. */
    public static int fromHttp(int httpStatus) {
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
    static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** gRPC's percent-encoding: bytes outside printable ASCII, and '%', become %XX. */
    public static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
