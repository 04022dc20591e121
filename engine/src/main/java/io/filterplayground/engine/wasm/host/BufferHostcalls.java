package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.ConnectionCallbacks;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.StreamContext;
import java.util.List;

/**
 * Buffers: bodies, callout bodies and configurations. Which buffer exists depends on where the call
 * comes from (the Proxy-Wasm spec's buffer types; Envoy's {@code Context::getBuffer}). Envoy has no
 * buffer at all only for the plugin configuration outside {@code proxy_on_configure} and the HTTP
 * call response outside its callback ({@code NotFound}); every other buffer that is not there now
 * reads as empty, and cannot be written ({@code BadArgument}).
 */
final class BufferHostcalls {
    private BufferHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_get_buffer_bytes", 5, BufferHostcalls::get),
                Hostcall.of("proxy_set_buffer_bytes", 5, BufferHostcalls::set),
                Hostcall.of("proxy_get_buffer_status", 3, BufferHostcalls::status),
                Hostcall.of("proxy_get_configuration", 2, BufferHostcalls::configuration));
    }

    /** A readable view of a buffer: the mutable body, or immutable bytes. */
    private record View(Buffer body, byte[] bytes, String why) {
        int length() {
            return body != null ? body.length() : bytes.length;
        }

        byte[] slice(int start, int len) {
            if (body != null) {
                return body.slice(start, len);
            }
            if (start >= bytes.length || len <= 0) {
                return new byte[0];
            }
            int end = (int) Math.min((long) start + len, bytes.length);
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }
    }

    private static View view(HostcallContext vm, BufferType type) {
        Context c = vm.context();
        switch (type) {
            case HTTP_REQUEST_BODY, HTTP_RESPONSE_BODY -> {
                if (!(c instanceof StreamContext s)) {
                    return new View(null, null, "no stream: bodies belong to a stream context");
                }
                FilterCallbacks http = s.http();
                if (http == null) {
                    return new View(null, null, "a TCP connection's context has no HTTP body");
                }
                Buffer b = vm.frame().body(type);
                if (b == null) {
                    b =
                            type == BufferType.HTTP_REQUEST_BODY
                                    ? http.bufferedRequestBody()
                                    : http.bufferedResponseBody();
                }
                return b == null
                        ? new View(null, null, "no body is available to this filter now")
                        : new View(b, null, null);
            }
            case DOWNSTREAM_DATA, UPSTREAM_DATA -> {
                ConnectionCallbacks tcp = c instanceof StreamContext s ? s.connection() : null;
                if (tcp == null) {
                    return new View(
                            null, null, "no connection: TCP data belongs to a network filter");
                }
                // In its data callback the filter gets the data it is called with; otherwise the
                // bytes the connection still holds (Envoy keeps the buffer after a stop).
                Buffer b = vm.frame().body(type);
                if (b == null) {
                    b =
                            type == BufferType.DOWNSTREAM_DATA
                                    ? tcp.downstreamData()
                                    : tcp.upstreamData();
                }
                return new View(b, null, null);
            }
            case HTTP_CALL_RESPONSE_BODY, GRPC_CALL_MESSAGE -> {
                CallData.Answer answer = vm.frame().answer();
                if (answer == null || answer.body() == null) {
                    return new View(null, null, "readable only inside the callout-reply callback");
                }
                // Envoy's gRPC message (grpc_receive_buffer_) is a mutable Buffer::Instance; the
                // HTTP call response body is read-only.
                return type == BufferType.GRPC_CALL_MESSAGE
                        ? new View(answer.body(), null, null)
                        : new View(null, answer.body().bytes(), null);
            }
            case VM_CONFIGURATION -> {
                return new View(null, vm.spec().vmConfiguration(), null);
            }
            case PLUGIN_CONFIGURATION -> {
                Callback cb = vm.frame().callback();
                if ((cb == Callback.CONFIGURE || cb == Callback.VALIDATE_CONFIGURATION)
                        && c != null) {
                    return new View(null, c.root().plugin().configuration(), null);
                }
                return new View(null, null, "readable only inside proxy_on_configure");
            }
            default -> {
                return new View(
                        null, null, "the playground has no " + type.displayName() + " buffer");
            }
        }
    }

    private static long get(HostcallContext vm, long[] a) {
        int typeCode = (int) a[0];
        long start = a[1] & 0xffffffffL;
        long max = a[2] & 0xffffffffL;
        BufferType type = BufferType.of(typeCode);
        String name = "proxy_get_buffer_bytes";
        // cpp-host's get_buffer_bytes checks start + max_size for overflow in 64 bits: a 32-bit
        // start and size never overflow, so only the type can be a BadArgument.
        if (type == null) {
            return vm.hostcall(
                    name,
                    WasmResult.BAD_ARGUMENT,
                    "buffer",
                    BufferType.nameOf(typeCode),
                    "start",
                    start,
                    "max_size",
                    max);
        }
        View v = view(vm, type);
        if (v.why() != null && missingInEnvoy(type)) {
            return vm.hostcallHint(
                    name, WasmResult.NOT_FOUND, v.why(), "buffer", type.displayName());
        }
        if (v.why() != null) {
            vm.memory().returnBytes(new byte[0], (int) a[3], (int) a[4]);
            return vm.hostcallHint(
                    name,
                    WasmResult.OK,
                    v.why() + ": empty, as in Envoy",
                    "buffer",
                    type.displayName());
        }
        byte[] data =
                v.slice(
                        (int) Math.min(start, Integer.MAX_VALUE),
                        (int) Math.min(max, Integer.MAX_VALUE));
        vm.memory().returnBytes(data, (int) a[3], (int) a[4]);
        return vm.hostcallHint(
                name,
                WasmResult.OK,
                data.length == 0
                        ? "empty: returned as (0, 0) without calling the guest allocator, as"
                                + " cpp-host does"
                        : null,
                "buffer",
                type.displayName(),
                "start",
                start,
                "max_size",
                max,
                "returned",
                data.length,
                "buffer_size",
                v.length());
    }

    /**
     * Envoy's {@code Buffer::copyFrom} (source/extensions/common/wasm/context.cc) behind cpp-host's
     * {@code set_buffer_bytes} (src/exports.cc). On a mutable buffer (a body; the gRPC message in
     * {@code proxy_on_grpc_receive}): {@code start == 0} drains {@code size} bytes from the front
     * (all of them when {@code size >= length}, none when 0) and prepends the value, so {@code (0,
     * k)} replaces the first k bytes; {@code start >= length} appends; a start inside the buffer is
     * {@code BadArgument}. Immutable buffers (configurations, the HTTP call response) and absent
     * ones (a body outside the body callbacks) are {@code BadArgument}; {@code NotFound} only where
     * Envoy's {@code Context::getBuffer} has no buffer at all.
     */
    private static long set(HostcallContext vm, long[] a) {
        int typeCode = (int) a[0];
        long start = a[1] & 0xffffffffL;
        long size = a[2] & 0xffffffffL;
        BufferType type = BufferType.of(typeCode);
        String name = "proxy_set_buffer_bytes";
        if (type == null) {
            return vm.hostcall(
                    name, WasmResult.BAD_ARGUMENT, "buffer", BufferType.nameOf(typeCode));
        }
        View v = view(vm, type);
        if (v.why() != null && missingInEnvoy(type)) {
            return vm.hostcallHint(
                    name, WasmResult.NOT_FOUND, v.why(), "buffer", type.displayName());
        }
        byte[] value = vm.memory().read((int) a[3], (int) a[4]);
        Buffer target = v.body();
        if (target == null) {
            return vm.hostcallHint(
                    name,
                    WasmResult.BAD_ARGUMENT,
                    v.why() != null
                            ? v.why()
                            : type.displayName() + " is read-only (an immutable buffer in Envoy)",
                    "buffer",
                    type.displayName());
        }
        int length = target.length();
        String shape;
        if (start == 0) {
            target.drain((int) Math.min(size, length));
            target.prepend(value);
            shape =
                    size == 0
                            ? "prepend"
                            : size >= length ? "replace" : "replace the first " + size + " bytes";
        } else if (start >= length) {
            target.append(value);
            shape = "append";
        } else {
            return vm.hostcallHint(
                    name,
                    WasmResult.BAD_ARGUMENT,
                    "Envoy changes a buffer only at its start (start 0: replace the first size"
                            + " bytes) or its end (start >= length: append), not in the middle",
                    "buffer",
                    type.displayName(),
                    "start",
                    start,
                    "size",
                    size,
                    "buffer_size",
                    length);
        }
        return vm.hostcall(
                name,
                WasmResult.OK,
                "buffer",
                type.displayName(),
                "start",
                start,
                "size",
                size,
                "shape",
                shape,
                "value_size",
                value.length,
                "new_size",
                target.length());
    }

    private static long status(HostcallContext vm, long[] a) {
        int typeCode = (int) a[0];
        BufferType type = BufferType.of(typeCode);
        if (type == null) {
            return vm.hostcall(
                    "proxy_get_buffer_status",
                    WasmResult.BAD_ARGUMENT,
                    "buffer",
                    BufferType.nameOf(typeCode));
        }
        View v = view(vm, type);
        if (v.why() != null && missingInEnvoy(type)) {
            return vm.hostcallHint(
                    "proxy_get_buffer_status",
                    WasmResult.NOT_FOUND,
                    v.why(),
                    "buffer",
                    type.displayName());
        }
        int size = v.why() != null ? 0 : v.length();
        vm.memory().writeU32((int) a[1], size);
        vm.memory().writeU32((int) a[2], 0);
        return vm.hostcallHint(
                "proxy_get_buffer_status",
                WasmResult.OK,
                v.why() != null ? v.why() + ": empty, as in Envoy" : null,
                "buffer",
                type.displayName(),
                "size",
                size);
    }

    /**
     * Whether Envoy's {@code Context::getBuffer} has no buffer at all (reads and writes answer
     * {@code NotFound}): the plugin configuration outside {@code proxy_on_configure} and the HTTP
     * call response outside its callback. Every other buffer it hands out, empty when there is
     * nothing (a read answers {@code Ok} and no bytes, a write {@code BadArgument}).
     */
    private static boolean missingInEnvoy(BufferType type) {
        return type == BufferType.PLUGIN_CONFIGURATION
                || type == BufferType.HTTP_CALL_RESPONSE_BODY;
    }

    /** ABI 0.1.0: plugin configuration inside on_configure, else the VM configuration. */
    private static long configuration(HostcallContext vm, long[] a) {
        Callback cb = vm.frame().callback();
        Context c = vm.context();
        boolean plugin =
                (cb == Callback.CONFIGURE || cb == Callback.VALIDATE_CONFIGURATION) && c != null;
        byte[] data = plugin ? c.root().plugin().configuration() : vm.spec().vmConfiguration();
        vm.memory().returnBytes(data, (int) a[0], (int) a[1]);
        return vm.hostcall(
                "proxy_get_configuration",
                WasmResult.OK,
                "which",
                plugin ? "plugin configuration" : "vm configuration",
                "size",
                data.length);
    }
}
