package io.filterplayground.engine.abi;

/** {@code proxy_buffer_type_t}. */
public enum BufferType {
    HTTP_REQUEST_BODY("HttpRequestBody"),
    HTTP_RESPONSE_BODY("HttpResponseBody"),
    DOWNSTREAM_DATA("DownstreamData"),
    UPSTREAM_DATA("UpstreamData"),
    HTTP_CALL_RESPONSE_BODY("HttpCallResponseBody"),
    GRPC_CALL_MESSAGE("GrpcCallMessage"),
    VM_CONFIGURATION("VmConfiguration"),
    PLUGIN_CONFIGURATION("PluginConfiguration"),
    FOREIGN_FUNCTION_ARGUMENTS("ForeignFunctionArguments");

    private static final BufferType[] BY_CODE = values();
    private final String displayName;

    BufferType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static BufferType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public static String nameOf(int code) {
        BufferType t = of(code);
        return t == null ? "BufferType(" + code + ")" : t.displayName;
    }
}
