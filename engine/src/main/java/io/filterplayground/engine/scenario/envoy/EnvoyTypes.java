package io.filterplayground.engine.scenario.envoy;

/**
 * The Envoy extension names and {@code typed_config} types the playground reads and writes, in one
 * place for import and export.
 */
public final class EnvoyTypes {
    private static final String T = "type.googleapis.com/";

    public static final String HCM_NAME = "envoy.filters.network.http_connection_manager";
    public static final String HCM =
            T
                    + "envoy.extensions.filters.network.http_connection_manager.v3"
                    + ".HttpConnectionManager";
    public static final String ROUTER_NAME = "envoy.filters.http.router";
    public static final String ROUTER = T + "envoy.extensions.filters.http.router.v3.Router";
    public static final String HTTP_WASM = T + "envoy.extensions.filters.http.wasm.v3.Wasm";
    public static final String NETWORK_WASM = T + "envoy.extensions.filters.network.wasm.v3.Wasm";
    public static final String TCP_PROXY_NAME = "envoy.filters.network.tcp_proxy";
    public static final String TCP_PROXY =
            T + "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
    public static final String LUA = T + "envoy.extensions.filters.http.lua.v3.Lua";
    public static final String LUA_PER_ROUTE =
            T + "envoy.extensions.filters.http.lua.v3.LuaPerRoute";
    public static final String LOCAL_RATE_LIMIT =
            T + "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit";
    public static final String CORS = T + "envoy.extensions.filters.http.cors.v3.Cors";
    public static final String CORS_POLICY = T + "envoy.extensions.filters.http.cors.v3.CorsPolicy";
    public static final String RBAC = T + "envoy.extensions.filters.http.rbac.v3.RBAC";
    public static final String HEADER_MUTATION =
            T + "envoy.extensions.filters.http.header_mutation.v3.HeaderMutation";
    public static final String HEADER_TO_METADATA =
            T + "envoy.extensions.filters.http.header_to_metadata.v3.Config";
    public static final String WASM_ACCESS_LOG_NAME = "envoy.access_loggers.wasm";
    public static final String WASM_ACCESS_LOG =
            T + "envoy.extensions.access_loggers.wasm.v3.WasmAccessLog";
    public static final String WASM_SERVICE_NAME = "envoy.bootstrap.wasm";
    public static final String WASM_SERVICE = T + "envoy.extensions.wasm.v3.WasmService";
    public static final String TLS =
            T + "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";
    public static final String STRING_VALUE = T + "google.protobuf.StringValue";
    public static final String BYTES_VALUE = T + "google.protobuf.BytesValue";
    public static final String STRUCT = T + "google.protobuf.Struct";

    /** Istio's resources, as the type of a placeholder kept from an Istio file. */
    public static final String ISTIO_WASM_PLUGIN = "extensions.istio.io/v1alpha1/WasmPlugin";

    /** The cluster metadata namespace where export keeps a cluster as the playground had it. */
    public static final String PLAYGROUND_METADATA = "filter-playground";

    private EnvoyTypes() {}

    public static boolean isIstio(String type) {
        return type.contains(".istio.io/");
    }
}
