package io.filterplayground.engine.wasm.host;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.wasm.Context;
import io.filterplayground.engine.wasm.GuestAbort;
import io.filterplayground.engine.wasm.GuestMemory;
import io.filterplayground.engine.wasm.RootContext;
import io.filterplayground.engine.wasm.callback.LifecycleCallbacks;
import io.filterplayground.engine.wasm.callback.TimerCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Logging, clock, timers, context control, foreign functions, and AssemblyScript's abort. */
final class LoggingHostcalls {
    private LoggingHostcalls() {}

    static List<Hostcall> all() {
        return List.of(
                Hostcall.of("proxy_log", 3, LoggingHostcalls::log),
                Hostcall.of("proxy_get_log_level", 1, LoggingHostcalls::getLogLevel),
                Hostcall.of("proxy_get_current_time_nanoseconds", 1, LoggingHostcalls::time),
                Hostcall.of("proxy_set_tick_period_milliseconds", 1, LoggingHostcalls::setTick),
                Hostcall.of("proxy_set_effective_context", 1, LoggingHostcalls::setEffective),
                Hostcall.of("proxy_done", 0, LoggingHostcalls::done),
                Hostcall.of("proxy_call_foreign_function", 6, LoggingHostcalls::foreign),
                new Hostcall("abort", Hostcall.i32s(4, false), LoggingHostcalls::abort, true));
    }

    private static long log(HostcallContext vm, long[] a) {
        int level = (int) a[0];
        LogLevel l = LogLevel.of(level);
        if (l == null) {
            return vm.hostcall("proxy_log", WasmResult.BAD_ARGUMENT, "level", level);
        }
        if (vm.records(l)) {
            vm.log(l, vm.memory().readString((int) a[1], (int) a[2]));
        } else {
            vm.memory().check((int) a[1], (int) a[2]);
        }
        return vm.hostcall("proxy_log", WasmResult.OK, "level", l.displayName());
    }

    private static long getLogLevel(HostcallContext vm, long[] a) {
        LogLevel l = vm.env().logLevel();
        vm.memory().writeU32((int) a[0], l.code());
        return vm.hostcall("proxy_get_log_level", WasmResult.OK, "level", l.displayName());
    }

    private static long time(HostcallContext vm, long[] a) {
        long now = vm.env().clock().epochNanos();
        vm.memory().writeU64((int) a[0], now);
        return vm.hostcall("proxy_get_current_time_nanoseconds", WasmResult.OK, "nanos", now);
    }

    /** Envoy: the timer belongs to the root context; a stream context's call sets its root's. */
    private static long setTick(HostcallContext vm, long[] a) {
        long period = a[0] & 0xffffffffL;
        Context c = vm.context();
        if (c == null) {
            return vm.hostcall(
                    "proxy_set_tick_period_milliseconds",
                    WasmResult.BAD_ARGUMENT,
                    "period_ms",
                    period);
        }
        RootContext root = c.root();
        TimerCallbacks.arm(root, period);
        return vm.hostcallHint(
                "proxy_set_tick_period_milliseconds",
                WasmResult.OK,
                period == 0
                        ? null
                        : "one timer per root context, per worker: proxy_on_tick("
                                + root.id()
                                + ") will run on "
                                + vm.loop().name()
                                + " every "
                                + period
                                + " ms",
                "period_ms",
                period,
                "root_context_id",
                root.id());
    }

    private static long setEffective(HostcallContext vm, long[] a) {
        int id = (int) a[0];
        boolean ok = vm.setEffectiveContext(id);
        return vm.hostcall(
                "proxy_set_effective_context",
                ok ? WasmResult.OK : WasmResult.BAD_ARGUMENT,
                "context_id",
                id);
    }

    private static long done(HostcallContext vm, long[] a) {
        Context c = vm.context();
        if (c instanceof RootContext r && r.pendingDone()) {
            r.setPendingDone(false);
            vm.afterCall(() -> LifecycleCallbacks.finishDone(r));
            return vm.hostcall("proxy_done", WasmResult.OK, "context_id", r.id());
        }
        return vm.hostcall("proxy_done", WasmResult.NOT_FOUND);
    }

    /**
     * Envoy registers a few foreign functions (source/extensions/common/wasm/foreign.cc); the
     * playground offers its zlib pair and {@code clear_route_cache}, and answers NotFound for the
     * rest, naming them.
     */
    private static long foreign(HostcallContext vm, long[] a) {
        String name = vm.memory().readString((int) a[0], (int) a[1]);
        byte[] args = vm.memory().read((int) a[2], (int) a[3]);
        byte[] result;
        switch (name) {
            case "compress" -> result = deflate(args);
            case "clear_route_cache" -> {
                // No result: cpp-host's call_foreign_function still writes address 0, size 0.
                if (a[4] != 0 && a[5] != 0) {
                    vm.memory().returnBytes(new byte[0], (int) a[4], (int) a[5]);
                }
                return vm.hostcallHint(
                        "proxy_call_foreign_function",
                        WasmResult.OK,
                        "Envoy clears the stream's route cache; the playground has a single route",
                        "name",
                        name);
            }
            case "uncompress" -> {
                result = inflate(args);
                if (result == null) {
                    return vm.hostcall(
                            "proxy_call_foreign_function",
                            WasmResult.SERIALIZATION_FAILURE,
                            "name",
                            name);
                }
            }
            default -> {
                return vm.hostcallHint(
                        "proxy_call_foreign_function",
                        WasmResult.NOT_FOUND,
                        "the playground provides the foreign functions compress, uncompress and"
                                + " clear_route_cache",
                        "name",
                        name);
            }
        }
        if (a[4] != 0 && a[5] != 0) {
            vm.memory().returnBytes(result, (int) a[4], (int) a[5]);
        }
        return vm.hostcall(
                "proxy_call_foreign_function",
                WasmResult.OK,
                "name",
                name,
                "result_size",
                result.length);
    }

    /**
     * AssemblyScript's abort(message, file, line, column): strings are UTF-16 with a length prefix.
     */
    private static long abort(HostcallContext vm, long[] a) {
        String message = asString(vm, (int) a[0]);
        String file = asString(vm, (int) a[1]);
        throw new GuestAbort(
                (message.isEmpty() ? "abort" : message)
                        + (file.isEmpty() ? "" : " at " + file + ":" + a[2] + ":" + a[3]));
    }

    private static String asString(HostcallContext vm, int ptr) {
        if (ptr < 4) {
            return "";
        }
        try {
            int len = vm.memory().readU32(ptr - 4);
            if (len < 0 || len > 4096) {
                return "";
            }
            byte[] b = vm.memory().read(ptr, len);
            return new String(b, StandardCharsets.UTF_16LE);
        } catch (GuestMemory.MemoryFault e) {
            return "";
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater();
        d.setInput(in);
        d.finish();
        byte[] buf = new byte[in.length + 64];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }

    private static byte[] inflate(byte[] in) {
        Inflater i = new Inflater();
        i.setInput(in);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    return null;
                }
                out.write(buf, 0, n);
                if (out.size() > (1 << 24)) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            i.end();
        }
    }
}
