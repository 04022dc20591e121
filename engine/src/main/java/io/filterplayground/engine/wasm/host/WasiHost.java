package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.filterplayground.engine.abi.Limits;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A restricted WASI for one VM, served under both {@code wasi_snapshot_preview1} and {@code
 * wasi_unstable}: stdout/stderr become log lines, the environment is only what the scenario gives
 * (never the host's), no files, clocks follow the scenario clock, randomness is seeded, and {@code
 * poll_oneoff} succeeds with no events as cpp-host does (Go's runtime needs it).
 */
public final class WasiHost {
    public static final Set<String> MODULES = Set.of("wasi_snapshot_preview1", "wasi_unstable");

    private static final int ERRNO_SUCCESS = 0;
    private static final int ERRNO_FAULT = 21;
    private static final int ERRNO_INVAL = 28;
    private static final int ERRNO_NOSYS = 52;
    private static final int ERRNO_NOTSUP = 58;

    private static final Set<String> OVERRIDDEN =
            Set.of("poll_oneoff", "clock_time_get", "clock_res_get", "random_get");

    private static final Logger QUIET =
            new Logger() {
                @Override
                public void log(Level level, String msg, Throwable throwable) {}

                @Override
                public boolean isLoggable(Level level) {
                    return false;
                }
            };

    private static volatile Set<String> provided;

    private WasiHost() {}

    /** The WASI functions for {@code vm}, by name. */
    public static Map<String, HostFunction> functions(HostcallContext vm) {
        WasiOptions.Builder options =
                WasiOptions.builder()
                        .withStdout(vm.stdout())
                        .withStderr(vm.stderr())
                        .withStdin(new ByteArrayInputStream(new byte[0]))
                        .withArguments(List.of())
                        .withClock(vm.env().clock().asJavaClock())
                        .withRandom(new Random(vm.env().seed() ^ vm.vmId().hashCode()));
        for (Map.Entry<String, String> e : vm.spec().environment().entrySet()) {
            options.withEnvironment(e.getKey(), e.getValue());
        }
        WasiPreview1 wasi =
                WasiPreview1.builder().withOptions(options.build()).withLogger(QUIET).build();
        Map<String, HostFunction> byName = new HashMap<>();
        for (HostFunction f : wasi.toHostFunctions()) {
            byName.put(f.name(), f);
        }
        Random random = new Random(vm.env().seed() * 31 + vm.vmId().hashCode());
        put(
                byName,
                "poll_oneoff",
                4,
                (Instance inst, long... a) -> {
                    vm.memory().bind(inst);
                    inst.memory().writeI32((int) a[3], 0);
                    return new long[] {ERRNO_SUCCESS};
                });
        put(
                byName,
                "clock_time_get",
                List.of(ValType.I32, ValType.I64, ValType.I32),
                (Instance inst, long... a) -> clockTimeGet(vm, inst, (int) a[0], (int) a[2]));
        put(
                byName,
                "clock_res_get",
                List.of(ValType.I32, ValType.I32),
                (Instance inst, long... a) -> clockResGet(inst, (int) a[0], (int) a[1]));
        put(
                byName,
                "random_get",
                2,
                (Instance inst, long... a) -> {
                    int len = (int) a[1];
                    if (len < 0 || len > Limits.MAX_RANDOM_BYTES) {
                        return new long[] {ERRNO_INVAL};
                    }
                    byte[] bytes = new byte[len];
                    random.nextBytes(bytes);
                    inst.memory().write((int) a[0], bytes);
                    return new long[] {ERRNO_SUCCESS};
                });
        return byName;
    }

    private static void put(
            Map<String, HostFunction> m, String name, int i32Params, WasmFunctionHandle handle) {
        m.put(
                name,
                new HostFunction(
                        "wasi_snapshot_preview1", name, Hostcall.i32s(i32Params, true), handle));
    }

    private static void put(
            Map<String, HostFunction> m,
            String name,
            List<ValType> params,
            WasmFunctionHandle handle) {
        m.put(
                name,
                new HostFunction(
                        "wasi_snapshot_preview1",
                        name,
                        FunctionType.of(params, List.of(ValType.I32)),
                        handle));
    }

    /**
     * cpp-host {@code wasi_unstable_clock_time_get} (src/exports.cc): realtime is Envoy's {@code
     * getCurrentTimeNanoseconds}, monotonic its {@code getMonotonicTimeNanoseconds}; both come from
     * the scenario clock here, which never reads 0 (Go's runtime throws "nanotime returning zero"
     * in {@code _initialize} if it did). Other clocks are {@code ENOTSUP}, a bad pointer {@code
     * EFAULT}.
     */
    private static long[] clockTimeGet(
            HostcallContext vm, Instance inst, int clockId, int resultPtr) {
        long now;
        switch (clockId) {
            case 0 -> now = vm.env().clock().epochNanos();
            case 1 -> now = vm.env().clock().monotonicNanos();
            default -> {
                return new long[] {ERRNO_NOTSUP};
            }
        }
        return new long[] {writeU64(inst, resultPtr, now)};
    }

    /** cpp-host {@code wasi_unstable_clock_res_get}: 1 ns for realtime and monotonic. */
    private static long[] clockResGet(Instance inst, int clockId, int resultPtr) {
        if (clockId != 0 && clockId != 1) {
            return new long[] {ERRNO_NOTSUP};
        }
        return new long[] {writeU64(inst, resultPtr, 1)};
    }

    /** Writes a u64 result; {@code EFAULT} when it does not fit in guest memory. */
    private static int writeU64(Instance inst, int ptr, long value) {
        long p = ptr & 0xffffffffL;
        if (p + 8 > (long) inst.memory().pages() * Memory.PAGE_SIZE) {
            return ERRNO_FAULT;
        }
        inst.memory().writeLong(ptr, value);
        return ERRNO_SUCCESS;
    }

    /** A WASI function this host lacks: links, and answers ENOSYS like cpp-host's stubs. */
    static HostFunction unsupported(String name, FunctionType declared) {
        boolean returns = !declared.returns().isEmpty();
        return new HostFunction(
                "wasi_snapshot_preview1",
                name,
                declared,
                (Instance inst, long... a) -> returns ? new long[] {ERRNO_NOSYS} : null);
    }

    static String support(String name) {
        Set<String> p = provided;
        if (p == null) {
            Set<String> names = new java.util.HashSet<>(OVERRIDDEN);
            try (WasiPreview1 w = WasiPreview1.builder().withLogger(QUIET).build()) {
                for (HostFunction f : w.toHostFunctions()) {
                    names.add(f.name());
                }
            }
            provided = p = names;
        }
        if (name.equals("proc_exit")) {
            return "provided (WASI; exits the call)";
        }
        return p.contains(name) ? "provided (WASI)" : "stub: answers ENOSYS";
    }
}
