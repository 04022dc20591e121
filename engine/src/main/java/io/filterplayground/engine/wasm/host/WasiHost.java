package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
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
    private static final int ERRNO_INVAL = 28;
    private static final int ERRNO_NOSYS = 52;
    private static final int ERRNO_NOTSUP = 58;

    private static final Set<String> OVERRIDDEN =
            Set.of("poll_oneoff", "clock_time_get", "random_get");

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
        byName.put(
                "clock_time_get",
                new HostFunction(
                        "wasi_snapshot_preview1",
                        "clock_time_get",
                        FunctionType.of(
                                List.of(
                                        com.dylibso.chicory.wasm.types.ValType.I32,
                                        com.dylibso.chicory.wasm.types.ValType.I64,
                                        com.dylibso.chicory.wasm.types.ValType.I32),
                                List.of(com.dylibso.chicory.wasm.types.ValType.I32)),
                        (Instance inst, long... a) -> {
                            long now;
                            switch ((int) a[0]) {
                                case 0 -> now = vm.env().clock().epochNanos();
                                case 1 -> now = vm.env().clock().monotonicNanos();
                                default -> {
                                    return new long[] {ERRNO_NOTSUP};
                                }
                            }
                            inst.memory().writeLong((int) a[2], now);
                            return new long[] {ERRNO_SUCCESS};
                        }));
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
            Map<String, HostFunction> m,
            String name,
            int i32Params,
            com.dylibso.chicory.runtime.WasmFunctionHandle handle) {
        m.put(
                name,
                new HostFunction(
                        "wasi_snapshot_preview1", name, Hostcall.i32s(i32Params, true), handle));
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
