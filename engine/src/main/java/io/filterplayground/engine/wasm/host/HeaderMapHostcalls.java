package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.MapType;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.state.Pairs;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.StreamContext;
import java.util.List;

/**
 * Header, trailer and metadata maps, with the statuses of Envoy's {@code Context} map functions
 * (source/extensions/common/wasm/context.cc). A map that does not exist at this moment, or that the
 * filter no longer holds (Envoy forgets a map once its callback returns Continue), is {@code
 * BadArgument} ({@code NotFound} when read in the access-log phase) except for {@code
 * proxy_get_header_map_pairs}, which reads it as empty; callout and gRPC maps are read-only.
 */
final class HeaderMapHostcalls {
    private HeaderMapHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_get_header_map_pairs", 3, HeaderMapHostcalls::getPairs),
                Hostcall.of("proxy_set_header_map_pairs", 3, HeaderMapHostcalls::setPairs),
                Hostcall.of("proxy_get_header_map_size", 2, HeaderMapHostcalls::size),
                Hostcall.of("proxy_get_header_map_value", 5, HeaderMapHostcalls::getValue),
                Hostcall.of("proxy_add_header_map_value", 5, HeaderMapHostcalls::add),
                Hostcall.of("proxy_replace_header_map_value", 5, HeaderMapHostcalls::replace),
                Hostcall.of("proxy_remove_header_map_value", 3, HeaderMapHostcalls::remove));
    }

    /** A map as found now: writable, read-only (a snapshot), or absent with a reason. */
    private record Found(HeaderMap map, Headers readOnly, WasmResult absent, String why) {
        List<Header> entries() {
            return map != null ? map.entries() : readOnly.entries();
        }

        static Found absent(WasmResult result, String why) {
            return new Found(null, null, result, why);
        }
    }

    /**
     * How a hostcall reaches a map. Envoy's {@code Context} has two ways: {@code getConstMap} for
     * reading a value or the pairs, which in the access-log phase ({@code proxy_on_log}) sees the
     * logged stream's maps, and {@code getMap} for the size and for changes, which sees only the
     * maps the filter holds.
     */
    private enum Use {
        READ,
        SIZE,
        WRITE
    }

    private static Found find(HostcallContext vm, MapType type, Use use) {
        Context c = vm.context();
        boolean inLog = vm.frame().inLog();
        switch (type) {
            case HTTP_REQUEST_HEADERS,
                    HTTP_REQUEST_TRAILERS,
                    HTTP_RESPONSE_HEADERS,
                    HTTP_RESPONSE_TRAILERS -> {
                FilterCallbacks logged =
                        vm.frame().logged() instanceof FilterCallbacks f ? f : null;
                if (!(c instanceof StreamContext) && logged == null) {
                    return Found.absent(
                            WasmResult.BAD_ARGUMENT,
                            "no stream: this runs on root context "
                                    + (c == null ? 0 : c.id())
                                    + "; call proxy_set_effective_context(stream) first");
                }
                // An access logger reads the stream it logs (Envoy's access log phase).
                StreamContext s = c instanceof StreamContext sc ? sc : null;
                FilterCallbacks st = s != null ? s.http() : logged;
                WasmResult absent =
                        use == Use.READ && inLog ? WasmResult.NOT_FOUND : WasmResult.BAD_ARGUMENT;
                if (st == null) {
                    return Found.absent(
                            absent, "a TCP connection's context has no HTTP headers or trailers");
                }
                if (use == Use.READ && inLog && type == MapType.HTTP_REQUEST_TRAILERS) {
                    return Found.absent(
                            absent,
                            "Envoy's access-log phase (Context::log) is given no request trailers");
                }
                HeaderMap m =
                        switch (type) {
                            case HTTP_REQUEST_HEADERS -> st.requestHeaders();
                            case HTTP_REQUEST_TRAILERS -> st.requestTrailers();
                            case HTTP_RESPONSE_HEADERS -> st.responseHeaders();
                            default -> st.responseTrailers();
                        };
                if (m == null && use != Use.READ) {
                    m = addedTrailers(vm, st, s, type);
                }
                if (m == null) {
                    return Found.absent(
                            absent,
                            type.displayName() + " do not exist at this point of the stream");
                }
                if (use == Use.READ ? !readable(vm, type) : s != null && !s.holds(type)) {
                    return Found.absent(absent, released(type));
                }
                if (use == Use.WRITE && inLog) {
                    return Found.absent(
                            WasmResult.BAD_ARGUMENT, "maps are read-only in proxy_on_log");
                }
                return new Found(m, null, null, null);
            }
            case HTTP_CALL_RESPONSE_HEADERS,
                    HTTP_CALL_RESPONSE_TRAILERS,
                    GRPC_CALL_INITIAL_METADATA,
                    GRPC_CALL_TRAILING_METADATA -> {
                CallData.Answer answer = vm.frame().answer();
                Headers h =
                        answer == null
                                ? null
                                : (type == MapType.HTTP_CALL_RESPONSE_HEADERS
                                                || type == MapType.GRPC_CALL_INITIAL_METADATA)
                                        ? answer.headers()
                                        : answer.trailers();
                if (h == null) {
                    return Found.absent(
                            WasmResult.BAD_ARGUMENT,
                            "readable only inside the callout-reply callback");
                }
                if (use == Use.WRITE) {
                    return Found.absent(
                            WasmResult.BAD_ARGUMENT, type.displayName() + " are read-only");
                }
                return new Found(null, h, null, null);
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Envoy's {@code getMap} adds the trailers a last body chunk may carry: in the filter's body
     * callback at end of stream, a map of trailers that does not exist yet is created, and the
     * filter holds it.
     */
    private static HeaderMap addedTrailers(
            HostcallContext vm, FilterCallbacks st, StreamContext s, MapType type) {
        Callback cb = vm.frame().callback();
        HeaderMap m = null;
        if (type == MapType.HTTP_REQUEST_TRAILERS
                && cb == Callback.REQUEST_BODY
                && vm.frame().bodyEndOfStream()) {
            m = st.addRequestTrailers();
        } else if (type == MapType.HTTP_RESPONSE_TRAILERS
                && cb == Callback.RESPONSE_BODY
                && vm.frame().bodyEndOfStream()) {
            m = st.addResponseTrailers();
        }
        if (m != null && s != null) {
            s.hold(type);
        }
        return m;
    }

    /**
     * Whether the filter may read the stream's map {@code type} now (Envoy's {@code getConstMap},
     * which {@code Context::findValue} hands the attributes too): a map it holds, and in the
     * access-log phase the logged stream's maps whatever it holds.
     */
    static boolean readable(HostcallContext vm, MapType type) {
        return !(vm.context() instanceof StreamContext s) || vm.frame().inLog() || s.holds(type);
    }

    /** Why a map the stream has is not there for the filter. */
    private static String released(MapType type) {
        boolean request =
                type == MapType.HTTP_REQUEST_HEADERS || type == MapType.HTTP_REQUEST_TRAILERS;
        String callback =
                switch (type) {
                    case HTTP_REQUEST_HEADERS -> "proxy_on_request_headers";
                    case HTTP_REQUEST_TRAILERS -> "proxy_on_request_trailers";
                    case HTTP_RESPONSE_HEADERS -> "proxy_on_response_headers";
                    default -> "proxy_on_response_trailers";
                };
        return type.displayName()
                + " are no longer this filter's: Envoy forgets them once "
                + callback
                + " returns Continue"
                + (request ? " or the filter calls proxy_continue_stream" : "")
                + " (or when it never ran for this filter); keep what you need in the context";
    }

    /**
     * Envoy's {@code Context::getHeaderMapPairs} answers {@code Ok} for every map type: a map that
     * does not exist now reads as an empty one.
     */
    private static long getPairs(HostcallContext vm, long[] a) {
        String n = "proxy_get_header_map_pairs";
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        Found f = find(vm, type, Use.READ);
        if (f.absent() != null) {
            vm.memory().returnBytes(new byte[0], (int) a[1], (int) a[2]);
            return vm.hostcallHint(
                    n,
                    WasmResult.OK,
                    f.why() + ": read as an empty map, as Envoy does",
                    "map",
                    type.displayName(),
                    "pairs",
                    0);
        }
        List<Header> entries = f.entries();
        byte[] data = entries.isEmpty() ? new byte[0] : Pairs.serialize(entries);
        vm.memory().returnBytes(data, (int) a[1], (int) a[2]);
        return vm.hostcall(n, WasmResult.OK, "map", type.displayName(), "pairs", entries.size());
    }

    private static long setPairs(HostcallContext vm, long[] a) {
        String n = "proxy_set_header_map_pairs";
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        byte[] data = vm.memory().read((int) a[1], (int) a[2]);
        Found f = find(vm, type, Use.WRITE);
        if (f.absent() != null) {
            return vm.hostcallHint(n, f.absent(), f.why(), "map", type.displayName());
        }
        List<Header> pairs = Pairs.parse(data);
        String hint = null;
        if (pairs == null) {
            pairs = List.of();
            hint =
                    "malformed serialized map: cpp-host reads it as an empty map, so the map was cleared";
        }
        f.map().setAll(pairs);
        return vm.hostcallHint(
                n, WasmResult.OK, hint, "map", type.displayName(), "pairs", pairs.size());
    }

    /**
     * Envoy's {@code Context::getHeaderMapSize} looks at the stream's own maps only ({@code
     * getMap}): callout and gRPC maps, and a map that does not exist now, are {@code BadArgument},
     * in {@code proxy_on_log} too.
     */
    private static long size(HostcallContext vm, long[] a) {
        String n = "proxy_get_header_map_size";
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        Found f = find(vm, type, Use.SIZE);
        if (f.map() == null) {
            return vm.hostcallHint(
                    n,
                    WasmResult.BAD_ARGUMENT,
                    f.absent() != null
                            ? f.why()
                            : "Envoy gives the size of the stream's own maps only",
                    "map",
                    type.displayName());
        }
        long size = f.map().byteSize();
        vm.memory().writeU32((int) a[1], (int) size);
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                "Envoy returns HeaderMap::byteSize() (name and value bytes), not the serialized size",
                "map",
                type.displayName(),
                "size",
                size);
    }

    private static long getValue(HostcallContext vm, long[] a) {
        String n = "proxy_get_header_map_value";
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        String key = vm.memory().readString((int) a[1], (int) a[2]);
        Found f = find(vm, type, Use.READ);
        // Envoy's Context::getHeaderMapValue: in the access-log phase an absent map is an absent
        // header (NotFound, or Ok and empty for ABI 0.1.0).
        if (f.absent() != null && f.absent() != WasmResult.NOT_FOUND) {
            return vm.hostcallHint(n, f.absent(), f.why(), "map", type.displayName(), "key", key);
        }
        String value =
                f.absent() != null
                        ? null
                        : f.map() != null ? f.map().get(key) : f.readOnly().first(key).orElse(null);
        if (value == null) {
            if (vm.abi().isAtLeast020()) {
                return vm.hostcall(n, WasmResult.NOT_FOUND, "map", type.displayName(), "key", key);
            }
            vm.memory().returnBytes(new byte[0], (int) a[3], (int) a[4]);
            return vm.hostcallHint(
                    n,
                    WasmResult.OK,
                    "ABI 0.1.0: a missing header is Ok with an empty value",
                    "map",
                    type.displayName(),
                    "key",
                    key);
        }
        vm.memory()
                .returnBytes(
                        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        (int) a[3],
                        (int) a[4]);
        return vm.hostcall(n, WasmResult.OK, "map", type.displayName(), "key", key, "value", value);
    }

    private static long add(HostcallContext vm, long[] a) {
        return mutate(vm, a, "proxy_add_header_map_value", true);
    }

    private static long replace(HostcallContext vm, long[] a) {
        return mutate(vm, a, "proxy_replace_header_map_value", false);
    }

    private static long mutate(HostcallContext vm, long[] a, String n, boolean add) {
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        String key = vm.memory().readString((int) a[1], (int) a[2]);
        String value = vm.memory().readString((int) a[3], (int) a[4]);
        Found f = find(vm, type, Use.WRITE);
        if (f.absent() != null) {
            return vm.hostcallHint(
                    n, f.absent(), f.why(), "map", type.displayName(), "key", key, "value", value);
        }
        if (add) {
            f.map().add(key, value);
        } else {
            f.map().replace(key, value);
        }
        return vm.hostcall(n, WasmResult.OK, "map", type.displayName(), "key", key, "value", value);
    }

    private static long remove(HostcallContext vm, long[] a) {
        String n = "proxy_remove_header_map_value";
        MapType type = MapType.of((int) a[0]);
        if (type == null) {
            return badMapType(vm, n, a);
        }
        String key = vm.memory().readString((int) a[1], (int) a[2]);
        Found f = find(vm, type, Use.WRITE);
        if (f.absent() != null) {
            return vm.hostcallHint(n, f.absent(), f.why(), "map", type.displayName(), "key", key);
        }
        boolean removed = f.map().remove(key);
        return vm.hostcallHint(
                n,
                WasmResult.OK,
                removed ? null : "not present (Ok all the same)",
                "map",
                type.displayName(),
                "key",
                key);
    }

    /** cpp-host ({@code src/exports.cc}) rejects a map type above 7 before it reads any memory. */
    private static long badMapType(HostcallContext vm, String name, long[] a) {
        return vm.hostcall(name, WasmResult.BAD_ARGUMENT, "map", MapType.nameOf((int) a[0]));
    }
}
