package io.filterplayground.engine.trace;

import io.filterplayground.engine.http.Headers;

/**
 * What one filter saw and left at one stage of a stream: the headers (or trailers) or the body
 * before and after its callback, and the status it returned. Bodies are null for header stages.
 */
public record StageEvent(
        long seq,
        long streamId,
        String thread,
        String filter,
        int filterIndex,
        Stage stage,
        Headers before,
        Headers after,
        byte[] bodyBefore,
        byte[] bodyAfter,
        boolean endOfStream,
        String status,
        long durationNanos)
        implements TraceEvent {
    @Override
    public String kind() {
        return "stage";
    }

    /**
     * The points where a filter meets a stream: six for an HTTP stream, and the bytes of each
     * direction for a TCP connection.
     */
    public enum Stage {
        REQUEST_HEADERS("request_headers"),
        REQUEST_BODY("request_body"),
        REQUEST_TRAILERS("request_trailers"),
        RESPONSE_HEADERS("response_headers"),
        RESPONSE_BODY("response_body"),
        RESPONSE_TRAILERS("response_trailers"),
        /** Client bytes through a network filter (Envoy's read filter {@code onData}). */
        DOWNSTREAM_DATA("downstream_data"),
        /** Server bytes through a network filter (Envoy's write filter {@code onWrite}). */
        UPSTREAM_DATA("upstream_data");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The stage of a wire name ({@code request_headers}...), or null. */
        public static Stage of(String wireName) {
            for (Stage s : values()) {
                if (s.wireName.equals(wireName)) {
                    return s;
                }
            }
            return null;
        }

        /** The client-to-upstream side: the request, or downstream bytes. */
        public boolean isRequest() {
            return ordinal() < 3 || this == DOWNSTREAM_DATA;
        }

        /** A stage with bytes rather than headers. */
        public boolean isBody() {
            return this == REQUEST_BODY
                    || this == RESPONSE_BODY
                    || this == DOWNSTREAM_DATA
                    || this == UPSTREAM_DATA;
        }

        /** A TCP connection's stage. */
        public boolean isNetwork() {
            return this == DOWNSTREAM_DATA || this == UPSTREAM_DATA;
        }
    }
}
