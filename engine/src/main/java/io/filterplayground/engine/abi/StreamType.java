package io.filterplayground.engine.abi;

/** {@code proxy_stream_type_t} (ABI 0.2.0+). */
public enum StreamType {
    HTTP_REQUEST("HttpRequest"),
    HTTP_RESPONSE("HttpResponse"),
    DOWNSTREAM("Downstream"),
    UPSTREAM("Upstream");

    private static final StreamType[] BY_CODE = values();
    private final String displayName;

    StreamType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static StreamType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public static String nameOf(int code) {
        StreamType t = of(code);
        return t == null ? "StreamType(" + code + ")" : t.displayName;
    }
}
