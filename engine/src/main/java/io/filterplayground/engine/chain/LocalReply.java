package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.upstream.GrpcWire;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Envoy's {@code sendLocalReply}: a response made by the proxy (a filter, or the router). Before
 * the response started it runs back through the response side of the chain; once response headers
 * exist but have not reached the client it goes straight to the client; after that the stream can
 * only be reset. A gRPC request ({@code content-type: application/grpc...}) gets the reply as gRPC
 * carries it ({@code Http::Utility::prepareLocalReply}): HTTP 200, headers only, with {@code
 * grpc-status} (the given one, else {@code httpToGrpcStatus} of the HTTP status) and the body as
 * {@code grpc-message}.
 */
final class LocalReply {
    /** No gRPC status given: a gRPC request's reply derives one from the HTTP status. */
    static final long NO_GRPC_STATUS = -1;

    private LocalReply() {}

    static void send(
            HttpStream stream,
            FilterEntry from,
            int status,
            byte[] body,
            List<Header> extra,
            String replyDetails,
            long grpcStatus) {
        String details =
                replyDetails == null || replyDetails.isEmpty() ? "local_reply" : replyDetails;
        String filter = from == null ? null : from.name;
        HeaderMap h = headers(status, body, extra);
        if (isGrpc(stream.request.headers)) {
            asGrpc(h, status, body, grpcStatus);
            body = new byte[0];
            status = 200;
        }
        String head =
                status + " from " + (from == null ? "router" : from.name) + " (" + details + "): ";
        stream.beginLocalReply(status, details);
        switch (stream.replyStage()) {
            case BEFORE_RESPONSE -> {
                stream.emit(
                        "local_reply",
                        filter,
                        head + "runs back through the response side of the chain");
                stream.replyThroughResponseSide(h, body);
            }
            case RESPONSE_NOT_SENT -> {
                stream.emit(
                        "local_reply",
                        filter,
                        head + "the response already started, so it goes straight to the client");
                stream.replyDirect(h, body);
            }
            case RESPONSE_SENT -> stream.reset("local reply after the response headers were sent");
        }
    }

    /** The reply's headers: the status, the filter's extras, and a length and type for a body. */
    private static HeaderMap headers(int status, byte[] body, List<Header> extra) {
        HeaderMap h = new HeaderMap();
        h.add(":status", Integer.toString(status));
        for (Header x : extra) {
            h.add(x.name(), x.value());
        }
        if (body.length > 0) {
            if (h.get("content-length") == null) {
                h.add("content-length", Integer.toString(body.length));
            }
            if (h.get("content-type") == null) {
                h.add("content-type", "text/plain");
            }
        }
        return h;
    }

    /** Envoy's {@code Grpc::Common::isGrpcRequestHeaders}. */
    private static boolean isGrpc(HeaderMap request) {
        String type = request == null ? null : request.get("content-type");
        return type != null
                && (type.equals("application/grpc") || type.startsWith("application/grpc+"));
    }

    private static void asGrpc(HeaderMap h, int status, byte[] body, long grpcStatus) {
        h.replace(":status", "200");
        h.replace("content-type", "application/grpc");
        if (h.get("grpc-status") == null) {
            long code =
                    grpcStatus >= 0 && grpcStatus <= 16 ? grpcStatus : GrpcWire.fromHttp(status);
            h.add("grpc-status", Long.toString(code));
        }
        String message = new String(body, StandardCharsets.UTF_8);
        if (message.endsWith("\n")) {
            message = message.substring(0, message.length() - 1);
        }
        if (!message.isEmpty()) {
            h.replace("grpc-message", GrpcWire.encode(message));
        }
        h.remove("content-length");
    }

    /** Where the response is when a local reply is made. */
    enum Stage {
        BEFORE_RESPONSE,
        RESPONSE_NOT_SENT,
        RESPONSE_SENT
    }
}
