package io.filterplayground.engine.report.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.access_loggers.wasm.v3.WasmAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.ext_authz.v3.ExtAuthz;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.header_to_metadata.v3.Config;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.LuaPerRoute;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.redis_proxy.v3.RedisProxy;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.wasm.v3.WasmService;
import java.util.List;

/**
 * Envoy's own schema for what export writes: the bootstrap is parsed with Envoy's generated v3 API
 * and protobuf's JSON parser, which refuses an unknown field and an {@code Any} whose type it does
 * not know. The registry holds every {@code typed_config} type the export writes (and those the
 * import tests keep as placeholders); a new one must be added here, which is the point.
 */
public final class EnvoySchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every message an exported {@code Any} may hold. */
    static final List<Descriptor> TYPES =
            List.of(
                    HttpConnectionManager.getDescriptor(),
                    Router.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.wasm.v3.Wasm.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.network.wasm.v3.Wasm.getDescriptor(),
                    Lua.getDescriptor(),
                    LuaPerRoute.getDescriptor(),
                    LocalRateLimit.getDescriptor(),
                    Cors.getDescriptor(),
                    CorsPolicy.getDescriptor(),
                    RBAC.getDescriptor(),
                    HeaderMutation.getDescriptor(),
                    Config.getDescriptor(),
                    TcpProxy.getDescriptor(),
                    WasmAccessLog.getDescriptor(),
                    WasmService.getDescriptor(),
                    UpstreamTlsContext.getDescriptor(),
                    StringValue.getDescriptor(),
                    BytesValue.getDescriptor(),
                    Struct.getDescriptor(),
                    // Types the import tests keep as placeholders, exported back as they came.
                    ExtAuthz.getDescriptor(),
                    RedisProxy.getDescriptor(),
                    FileAccessLog.getDescriptor());

    private static final JsonFormat.Parser PARSER =
            JsonFormat.parser()
                    .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(TYPES).build());

    private EnvoySchema() {}

    /** The HTTP connection manager of the bootstrap's first listener. */
    public static io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3
                    .HttpConnectionManager
            httpConnectionManager(Bootstrap b) throws InvalidProtocolBufferException {
        return b.getStaticResources()
                .getListeners(0)
                .getFilterChains(0)
                .getFilters(0)
                .getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    /**
     * The bootstrap YAML as Envoy's {@link Bootstrap}; throws naming the first field Envoy would
     * refuse.
     */
    public static Bootstrap bootstrap(String yaml) throws Exception {
        JsonNode tree = YAML.readTree(yaml);
        Bootstrap.Builder b = Bootstrap.newBuilder();
        try {
            PARSER.merge(JSON.writeValueAsString(tree), b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("Envoy's v3 API refuses the bootstrap: " + e.getMessage(), e);
        }
        return b.build();
    }
}
