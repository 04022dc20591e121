package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import java.util.List;

/**
 * Envoy's {@code sendLocalReply}: a response made by the proxy (a filter, or the router). Before
 * the response started it runs back through the response side of the chain; once response headers
 * exist but have not reached the client it goes straight to the client; after that the stream can
 * only be reset.
 */
final class LocalReply {
    private LocalReply() {}

    static void send(
            HttpStream stream,
            FilterEntry from,
            int status,
            byte[] body,
            List<Header> extra,
            String replyDetails) {
        String details =
                replyDetails == null || replyDetails.isEmpty() ? "local_reply" : replyDetails;
        String filter = from == null ? null : from.name;
        String head =
                status + " from " + (from == null ? "router" : from.name) + " (" + details + "): ";
        HeaderMap h = headers(status, body, extra);
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

    /** Where the response is when a local reply is made. */
    enum Stage {
        BEFORE_RESPONSE,
        RESPONSE_NOT_SENT,
        RESPONSE_SENT
    }
}
