package io.filterplayground.engine.abi;

/** The guest exports the host calls, with the names of their arguments and how to read results. */
public enum Callback {
    CONTEXT_CREATE("proxy_on_context_create", Result.VOID, "context_id", "parent_context_id"),
    VM_START("proxy_on_vm_start", Result.BOOL, "root_context_id", "vm_configuration_size"),
    VALIDATE_CONFIGURATION(
            "proxy_validate_configuration", Result.BOOL, "root_context_id", "configuration_size"),
    CONFIGURE("proxy_on_configure", Result.BOOL, "root_context_id", "plugin_configuration_size"),
    TICK("proxy_on_tick", Result.VOID, "root_context_id"),
    DONE("proxy_on_done", Result.BOOL, "context_id"),
    LOG("proxy_on_log", Result.VOID, "context_id"),
    DELETE("proxy_on_delete", Result.VOID, "context_id"),
    REQUEST_HEADERS(
            "proxy_on_request_headers",
            Result.HEADERS_ACTION,
            "context_id",
            "num_headers",
            "end_of_stream"),
    REQUEST_BODY(
            "proxy_on_request_body",
            Result.DATA_ACTION,
            "context_id",
            "body_size",
            "end_of_stream"),
    REQUEST_TRAILERS(
            "proxy_on_request_trailers", Result.TRAILERS_ACTION, "context_id", "num_trailers"),
    RESPONSE_HEADERS(
            "proxy_on_response_headers",
            Result.HEADERS_ACTION,
            "context_id",
            "num_headers",
            "end_of_stream"),
    RESPONSE_BODY(
            "proxy_on_response_body",
            Result.DATA_ACTION,
            "context_id",
            "body_size",
            "end_of_stream"),
    RESPONSE_TRAILERS(
            "proxy_on_response_trailers", Result.TRAILERS_ACTION, "context_id", "num_trailers"),
    NEW_CONNECTION("proxy_on_new_connection", Result.NETWORK_ACTION, "context_id"),
    DOWNSTREAM_DATA(
            "proxy_on_downstream_data",
            Result.NETWORK_ACTION,
            "context_id",
            "data_size",
            "end_of_stream"),
    UPSTREAM_DATA(
            "proxy_on_upstream_data",
            Result.NETWORK_ACTION,
            "context_id",
            "data_size",
            "end_of_stream"),
    DOWNSTREAM_CONNECTION_CLOSE(
            "proxy_on_downstream_connection_close", Result.VOID, "context_id", "peer_type"),
    UPSTREAM_CONNECTION_CLOSE(
            "proxy_on_upstream_connection_close", Result.VOID, "context_id", "peer_type"),
    HTTP_CALL_RESPONSE(
            "proxy_on_http_call_response",
            Result.VOID,
            "root_context_id",
            "token",
            "num_headers",
            "body_size",
            "num_trailers"),
    GRPC_RECEIVE_INITIAL_METADATA(
            "proxy_on_grpc_receive_initial_metadata",
            Result.VOID,
            "root_context_id",
            "token",
            "num_elements"),
    GRPC_RECEIVE("proxy_on_grpc_receive", Result.VOID, "root_context_id", "token", "message_size"),
    GRPC_RECEIVE_TRAILING_METADATA(
            "proxy_on_grpc_receive_trailing_metadata",
            Result.VOID,
            "root_context_id",
            "token",
            "num_elements"),
    GRPC_CLOSE("proxy_on_grpc_close", Result.VOID, "root_context_id", "token", "status_code"),
    QUEUE_READY("proxy_on_queue_ready", Result.VOID, "root_context_id", "queue_id"),
    FOREIGN_FUNCTION(
            "proxy_on_foreign_function",
            Result.VOID,
            "root_context_id",
            "function_id",
            "arguments_size");

    /** How to read a callback's return value. */
    public enum Result {
        VOID,
        BOOL,
        HEADERS_ACTION,
        DATA_ACTION,
        TRAILERS_ACTION,
        /** A network filter's status: cpp-host reads 0 as Continue and anything else as a stop. */
        NETWORK_ACTION
    }

    private final String exportName;
    private final Result result;
    private final String[] argNames;

    Callback(String exportName, Result result, String... argNames) {
        this.exportName = exportName;
        this.result = result;
        this.argNames = argNames;
    }

    public String exportName() {
        return exportName;
    }

    public Result result() {
        return result;
    }

    public String[] argNames() {
        return argNames;
    }

    /** A stream callback's result, decoded for its kind (null for lifecycle callbacks). */
    public Action action(long value) {
        return switch (result) {
            case VOID, BOOL -> null;
            case HEADERS_ACTION -> Action.headers(value);
            case DATA_ACTION -> Action.data(value);
            case TRAILERS_ACTION, NETWORK_ACTION -> Action.trailers(value);
        };
    }

    /** The result as traces show it: {@code Continue}, {@code Pause}, {@code true}... */
    public String describe(long value) {
        return switch (result) {
            case VOID -> "";
            case BOOL -> (int) value != 0 ? "true" : "false";
            default -> Action.describe(action(value), value);
        };
    }
}
