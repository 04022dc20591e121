package io.filterplayground.engine.abi;

/** {@code proxy_status_t}: what every hostcall returns (spec values plus the cpp-sdk extras). */
public enum WasmResult {
    OK(0, "Ok"),
    NOT_FOUND(1, "NotFound"),
    BAD_ARGUMENT(2, "BadArgument"),
    SERIALIZATION_FAILURE(3, "SerializationFailure"),
    PARSE_FAILURE(4, "ParseFailure"),
    BAD_EXPRESSION(5, "BadExpression"),
    INVALID_MEMORY_ACCESS(6, "InvalidMemoryAccess"),
    EMPTY(7, "Empty"),
    CAS_MISMATCH(8, "CasMismatch"),
    RESULT_MISMATCH(9, "ResultMismatch"),
    INTERNAL_FAILURE(10, "InternalFailure"),
    BROKEN_CONNECTION(11, "BrokenConnection"),
    UNIMPLEMENTED(12, "Unimplemented");

    private static final WasmResult[] BY_CODE = values();
    private final int code;
    private final String displayName;

    WasmResult(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    /** The name shown in traces, as the SDKs spell it ({@code NotFound}, {@code CasMismatch}). */
    public String displayName() {
        return displayName;
    }

    public static String nameOf(int code) {
        return code >= 0 && code < BY_CODE.length
                ? BY_CODE[code].displayName
                : "Status(" + code + ")";
    }
}
