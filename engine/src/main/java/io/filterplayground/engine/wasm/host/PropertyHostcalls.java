package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.MapType;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.state.Properties;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.PluginSpec;
import io.filterplayground.engine.wasm.StreamContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy_get_property} / {@code proxy_set_property}. Paths are segments joined by NUL; the
 * first segment picks an Envoy attribute ({@code request}, {@code response}, {@code source}, ...,
 * Envoy's attributes as {@code Context::getProperty} in context.cc serves them), a Wasm name
 * ({@code plugin_root_id}...), the scenario's own properties (including the Istio-era top-level
 * {@code node}, {@code cluster_name}), or a value a filter set.
 */
final class PropertyHostcalls {
    private PropertyHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_get_property", 4, PropertyHostcalls::get),
                Hostcall.of("proxy_set_property", 4, PropertyHostcalls::set));
    }

    private static long get(HostcallContext vm, long[] a) {
        byte[] raw = vm.memory().read((int) a[0], (int) a[1]);
        String joined = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        List<String> path = split(joined);
        String shown = String.join(".", path);
        if (joined.isEmpty()) {
            // Envoy's Context::getProperty serialises the value it starts from, a CEL null, which
            // serializeValue cannot encode.
            return vm.hostcall("proxy_get_property", WasmResult.SERIALIZATION_FAILURE, "path", "");
        }
        Object value = resolve(vm, path);
        if (value == Properties.MISSING) {
            return vm.hostcall("proxy_get_property", WasmResult.NOT_FOUND, "path", shown);
        }
        byte[] bytes = Properties.encode(value);
        if (bytes == null) {
            return vm.hostcall(
                    "proxy_get_property", WasmResult.SERIALIZATION_FAILURE, "path", shown);
        }
        vm.memory().returnBytes(bytes, (int) a[2], (int) a[3]);
        return vm.hostcall(
                "proxy_get_property", WasmResult.OK, "path", shown, "value", display(value));
    }

    /** Envoy keeps set values as filter state of the stream, readable by later filters. */
    private static long set(HostcallContext vm, long[] a) {
        String joined =
                new String(
                        vm.memory().read((int) a[0], (int) a[1]),
                        java.nio.charset.StandardCharsets.UTF_8);
        byte[] value = vm.memory().read((int) a[2], (int) a[3]);
        String key = String.join(".", split(joined));
        Context c = vm.context();
        if (!(c instanceof StreamContext s)) {
            return vm.hostcallHint(
                    "proxy_set_property",
                    WasmResult.NOT_FOUND,
                    "properties are set on a stream's filter state",
                    "path",
                    key);
        }
        s.stream().filterState().put(key, value);
        return vm.hostcall(
                "proxy_set_property",
                WasmResult.OK,
                "path",
                key,
                "value",
                SharedStateHostcalls.text(value));
    }

    static List<String> split(String joined) {
        String p = joined.endsWith("\u0000") ? joined.substring(0, joined.length() - 1) : joined;
        return Arrays.asList(p.split("\u0000", -1));
    }

    static Object resolve(HostcallContext vm, List<String> path) {
        Context c = vm.context();
        PluginSpec plugin = c == null ? null : c.root().plugin();
        // An access logger's properties are those of the stream it logs.
        StreamCallbacks stream = c instanceof StreamContext s ? s.stream() : vm.frame().logged();
        FilterCallbacks http = stream instanceof FilterCallbacks f ? f : null;
        String head = path.get(0);
        Object top =
                switch (head) {
                    case "plugin_name" -> plugin == null ? Properties.MISSING : plugin.name();
                    case "plugin_root_id" -> plugin == null ? Properties.MISSING : plugin.rootId();
                    case "plugin_vm_id" -> vm.spec().vmId();
                    // Envoy's CONNECTION_ID token: the downstream connection's id, as
                    // connection.id.
                    case "connection_id" ->
                            stream == null ? Properties.MISSING : stream.streamInfo().streamId;
                    case "request" ->
                            stream == null
                                    ? Properties.MISSING
                                    : request(
                                            stream.streamInfo(),
                                            http == null
                                                    ? null
                                                    : held(
                                                            vm,
                                                            MapType.HTTP_REQUEST_HEADERS,
                                                            http.requestHeaders()));
                    case "response" ->
                            http != null
                                    ? response(vm, http)
                                    : stream == null
                                            ? Properties.MISSING
                                            : connectionResponse(stream.streamInfo());
                    case "source" ->
                            stream == null ? Properties.MISSING : peer(stream.streamInfo(), true);
                    case "destination" ->
                            stream == null ? Properties.MISSING : peer(stream.streamInfo(), false);
                    case "connection" ->
                            stream == null ? Properties.MISSING : connection(stream.streamInfo());
                    case "upstream" ->
                            stream == null ? Properties.MISSING : upstream(stream.streamInfo());
                    case "filter_state" ->
                            stream == null
                                    ? Properties.MISSING
                                    : new LinkedHashMap<>(stream.filterState());
                    case "xds" -> xds(vm, stream);
                    default -> Properties.MISSING;
                };
        if (top != Properties.MISSING) {
            return path.size() == 1 ? top : Properties.walk(top, path, 1);
        }
        Object fromScenario = vm.env().properties().lookup(path);
        if (fromScenario != Properties.MISSING) {
            return fromScenario;
        }
        Object legacy = legacyDefault(head, stream);
        if (legacy != Properties.MISSING) {
            return path.size() == 1 ? legacy : Properties.walk(legacy, path, 1);
        }
        if (stream != null) {
            byte[] v = stream.filterState().get(String.join(".", path));
            if (v != null) {
                return v;
            }
        }
        return Properties.MISSING;
    }

    /** {@code map} as the attributes see it ({@link HeaderMapHostcalls#readable}), else null. */
    private static HeaderMap held(HostcallContext vm, MapType type, HeaderMap map) {
        return HeaderMapHostcalls.readable(vm, type) ? map : null;
    }

    /**
     * Envoy's request attributes ({@code extensions/filters/common/expr/context.cc},
     * RequestWrapper). Without headers ({@code h} null: a TCP connection, or a filter that no
     * longer holds them) the attributes read from them are absent and {@code headers} is empty,
     * while the start time, the bytes received and the duration remain, as Envoy's access logs show
     * them.
     */
    private static Map<String, Object> request(StreamInfo info, HeaderMap h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h == null) {
            m.put("headers", Map.of());
        } else {
            String path = orEmpty(h.get(":path"));
            int q = path.indexOf('?');
            m.put("path", path);
            m.put("url_path", q < 0 ? path : path.substring(0, q));
            m.put("query", q < 0 ? "" : path.substring(q + 1));
            m.put("host", orEmpty(h.get(":authority")));
            m.put("scheme", orEmpty(h.get(":scheme")));
            m.put("method", orEmpty(h.get(":method")));
            m.put("headers", Properties.headerMap(h.entries()));
            putIf(m, "referer", h.get("referer"));
            putIf(m, "useragent", h.get("user-agent"));
            putIf(m, "id", h.get("x-request-id"));
            m.put("headers_bytes", h.byteSize());
        }
        if (!info.protocol.isEmpty()) {
            m.put("protocol", info.protocol);
        }
        m.put("time", info.startEpochNanos);
        // Envoy's request.size: the content-length header while the headers are there (absent
        // when it is not a number), else the bytes received.
        String contentLength = h == null ? null : h.get("content-length");
        if (contentLength == null) {
            m.put("size", info.requestBodyBytes);
        } else {
            try {
                m.put("size", Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                // absent, as Envoy's SimpleAtoi failing leaves it
            }
        }
        m.put("total_size", info.requestBodyBytes + (h == null ? 0 : h.byteSize()));
        if (info.endMonotonicNanos != 0) {
            m.put("duration", info.endMonotonicNanos - info.startMonotonicNanos);
        }
        return m;
    }

    /**
     * Envoy's response attributes (ResponseWrapper): absent before there is a response; the code
     * and sizes come from the stream, the headers and trailers only as {@link #held} gives them.
     */
    private static Object response(HostcallContext vm, FilterCallbacks s) {
        StreamInfo info = s.streamInfo();
        if (s.responseHeaders() == null && info.responseCode == 0) {
            return Properties.MISSING;
        }
        HeaderMap h = held(vm, MapType.HTTP_RESPONSE_HEADERS, s.responseHeaders());
        HeaderMap t = held(vm, MapType.HTTP_RESPONSE_TRAILERS, s.responseTrailers());
        Map<String, Object> m = new LinkedHashMap<>();
        String status = h == null ? null : h.get(":status");
        if (status != null || info.responseCode != 0) {
            m.put("code", status == null ? (long) info.responseCode : parse(status));
        }
        m.put(
                "code_details",
                info.responseCodeDetails == null ? "via_upstream" : info.responseCodeDetails);
        m.put("flags", info.legacyResponseFlags());
        m.put("headers", h == null ? Map.of() : Properties.headerMap(h.entries()));
        long headerBytes = h == null ? 0 : h.byteSize();
        m.put("headers_bytes", headerBytes);
        m.put("trailers", t == null ? Map.of() : Properties.headerMap(t.entries()));
        m.put("size", info.responseBodyBytes);
        m.put("total_size", info.responseBodyBytes + headerBytes + (t == null ? 0 : t.byteSize()));
        return m;
    }

    /** A connection's response attributes: its flags and the bytes sent to the client. */
    private static Map<String, Object> connectionResponse(StreamInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flags", info.legacyResponseFlags());
        m.put("size", info.responseBodyBytes);
        m.put("total_size", info.responseBodyBytes);
        return m;
    }

    private static Map<String, Object> peer(StreamInfo info, boolean source) {
        Map<String, Object> m = new LinkedHashMap<>();
        String ip = source ? info.downstreamRemoteAddress : info.downstreamLocalAddress;
        int port = source ? info.downstreamRemotePort : info.downstreamLocalPort;
        m.put("address", ip + ":" + port);
        m.put("port", (long) port);
        return m;
    }

    private static Map<String, Object> connection(StreamInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.streamId);
        m.put("mtls", false);
        m.put("requested_server_name", "");
        return m;
    }

    private static Object upstream(StreamInfo info) {
        if (info.upstreamHost == null) {
            return Properties.MISSING;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", info.upstreamHost + ":" + info.upstreamPort);
        m.put("port", (long) info.upstreamPort);
        return m;
    }

    private static Map<String, Object> xds(HostcallContext vm, StreamCallbacks stream) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("node", "cluster_name", "route_name", "listener_direction")) {
            Object v = vm.env().properties().lookup(List.of(k));
            if (v == Properties.MISSING) {
                v = legacyDefault(k, stream);
            }
            if (v != Properties.MISSING) {
                m.put(k, v);
            }
        }
        Object own = vm.env().properties().lookup(List.of("xds"));
        if (own instanceof Map<?, ?> o) {
            for (Map.Entry<?, ?> e : o.entrySet()) {
                m.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return m;
    }

    /** Defaults for the names Istio-era SDK helpers read, so they work without configuration. */
    private static Object legacyDefault(String head, StreamCallbacks stream) {
        return switch (head) {
            case "node" -> Map.of("id", "filter-playground", "cluster", "playground");
            case "cluster_name" ->
                    stream == null ? Properties.MISSING : stream.streamInfo().routeCluster;
            case "route_name" ->
                    stream == null ? Properties.MISSING : stream.streamInfo().routeName;
            case "listener_direction" -> 1L;
            default -> Properties.MISSING;
        };
    }

    private static String display(Object v) {
        if (v instanceof byte[] b) {
            return SharedStateHostcalls.text(b);
        }
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Object parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
