package io.filterplayground.engine.filter;

/**
 * Envoy's response flags ({@code CoreResponseFlag} in envoy/stream_info/stream_info.h, in its
 * order) with their access-log codes ({@code %RESPONSE_FLAGS%}, {@code ResponseFlagUtils}). The
 * order matters: the {@code response.flags} attribute is {@code legacyResponseFlags()}, bit {@code
 * ordinal} for each flag set.
 */
public enum ResponseFlag {
    FAILED_LOCAL_HEALTH_CHECK("LH"),
    NO_HEALTHY_UPSTREAM("UH"),
    UPSTREAM_REQUEST_TIMEOUT("UT"),
    LOCAL_RESET("LR"),
    UPSTREAM_REMOTE_RESET("UR"),
    UPSTREAM_CONNECTION_FAILURE("UF"),
    UPSTREAM_CONNECTION_TERMINATION("UC"),
    UPSTREAM_OVERFLOW("UO"),
    NO_ROUTE_FOUND("NR"),
    DELAY_INJECTED("DI"),
    FAULT_INJECTED("FI"),
    RATE_LIMITED("RL"),
    UNAUTHORIZED_EXTERNAL_SERVICE("UAEX"),
    RATE_LIMIT_SERVICE_ERROR("RLSE"),
    DOWNSTREAM_CONNECTION_TERMINATION("DC"),
    UPSTREAM_RETRY_LIMIT_EXCEEDED("URX"),
    STREAM_IDLE_TIMEOUT("SI"),
    INVALID_ENVOY_REQUEST_HEADERS("IH"),
    DOWNSTREAM_PROTOCOL_ERROR("DPE"),
    UPSTREAM_MAX_STREAM_DURATION_REACHED("UMSDR"),
    RESPONSE_FROM_CACHE_FILTER("RFCF"),
    NO_FILTER_CONFIG_FOUND("NFCF"),
    DURATION_TIMEOUT("DT"),
    UPSTREAM_PROTOCOL_ERROR("UPE"),
    NO_CLUSTER_FOUND("NC"),
    OVERLOAD_MANAGER("OM"),
    DNS_RESOLUTION_FAILED("DF"),
    DROP_OVERLOAD("DO"),
    DOWNSTREAM_REMOTE_RESET("DR"),
    UNCONDITIONAL_DROP_OVERLOAD("UDO");

    private final String code;

    ResponseFlag(String code) {
        this.code = code;
    }

    /** The access-log code, e.g. {@code UF}. */
    public String code() {
        return code;
    }
}
