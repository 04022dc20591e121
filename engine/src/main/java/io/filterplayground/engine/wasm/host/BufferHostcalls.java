package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.BufferType;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.wasm.CallData;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.StreamContext;
import java.util.List;

/**
 * Buffers: bodies, callout bodies and configurations. Which buffer exists depends on where the call
 * comes from (Envoy's {@code Context::getBuffer}): reading one that does not exist now is {@code
 * NotFound} for the plugin configuration and the HTTP call response, and empty otherwise.
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
                Buffer b = vm.frame().body(type);
                if (b == null) {
                    b =
                            type == BufferType.HTTP_REQUEST_BODY
                                    ? s.stream().bufferedRequestBody()
                                    : s.stream().bufferedResponseBody();
                }
                return b == null
                        ? new View(null, null, "no body is available to this filter now")
                        : new View(b, null, null);
            }
            case HTTP_CALL_RESPONSE_BODY, GRPC_CALL_MESSAGE -> {
                CallData.Answer answer = vm.frame().answer();
                byte[] body = answer == null ? null : answer.body();
                return body == null
                        ? new View(null, null, "readable only inside the callout-reply callback")
                        : new View(null, body, null);
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
                        null, null, "the playground has no " + type.displayName() + " (HTTP only)");
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

    /** Envoy only supports prepend, append and replace-all (Buffer::copyFrom shapes). */
    private static long set(HostcallContext vm, long[] a) {
        int typeCode = (int) a[0];
        long start = a[1] & 0xffffffffL;
        long size = a[2] & 0xffffffffL;
        BufferType type = BufferType.of(typeCode);
        String name = "proxy_set_buffer_bytes";
        if (type != BufferType.HTTP_REQUEST_BODY && type != BufferType.HTTP_RESPONSE_BODY) {
            return vm.hostcallHint(
                    name,
                    WasmResult.BAD_ARGUMENT,
                    type == null ? null : type.displayName() + " is read-only",
                    "buffer",
                    BufferType.nameOf(typeCode));
        }
        byte[] value = vm.memory().read((int) a[3], (int) a[4]);
        View v = view(vm, type);
        if (v.why() != null) {
            return vm.hostcallHint(
                    name, WasmResult.NOT_FOUND, v.why(), "buffer", type.displayName());
        }
        Buffer body = v.body();
        String shape;
        if (start == 0 && size == 0) {
            body.prepend(value);
            shape = "prepend";
        } else if (start >= body.length()) {
            body.append(value);
            shape = "append";
        } else if (start == 0 && size >= body.length()) {
            body.set(value);
            shape = "replace";
        } else {
            return vm.hostcallHint(
                    name,
                    WasmResult.BAD_ARGUMENT,
                    "Envoy only supports prepend (0, 0), append (start >= size) and replace-all"
                            + " (0, >= size), not a splice in the middle",
                    "buffer",
                    type.displayName(),
                    "start",
                    start,
                    "size",
                    size);
        }
        return vm.hostcall(
                name,
                WasmResult.OK,
                "buffer",
                type.displayName(),
                "shape",
                shape,
                "value_size",
                value.length,
                "new_size",
                body.length());
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
     * Whether Envoy's {@code Context::getBuffer} has no buffer at all (reads answer {@code
     * NotFound}): the plugin configuration outside {@code proxy_on_configure} and the HTTP call
     * response outside its callback. Every other buffer it hands out, empty when there is nothing.
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
