package io.filterplayground.engine.abi;

/** {@code proxy_map_type_t}. */
public enum MapType {
    HTTP_REQUEST_HEADERS("HttpRequestHeaders"),
    HTTP_REQUEST_TRAILERS("HttpRequestTrailers"),
    HTTP_RESPONSE_HEADERS("HttpResponseHeaders"),
    HTTP_RESPONSE_TRAILERS("HttpResponseTrailers"),
    GRPC_CALL_INITIAL_METADATA("GrpcCallInitialMetadata"),
    GRPC_CALL_TRAILING_METADATA("GrpcCallTrailingMetadata"),
    HTTP_CALL_RESPONSE_HEADERS("HttpCallResponseHeaders"),
    HTTP_CALL_RESPONSE_TRAILERS("HttpCallResponseTrailers");

    private static final MapType[] BY_CODE = values();
    private final String displayName;

    MapType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The map for a wire value, or null when the value is out of range. */
    public static MapType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public static String nameOf(int code) {
        MapType t = of(code);
        return t == null ? "MapType(" + code + ")" : t.displayName;
    }
}
