package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.error.LinkException;
import io.filterplayground.engine.error.OneLine;
import io.filterplayground.engine.wasm.GuestAbort;
import io.filterplayground.engine.wasm.GuestMemory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a VM's import table from the module's own import section: one host function per distinct
 * (module, name), so a module importing {@code fd_write} twice (Go) links. Anything the host cannot
 * provide fails the load with one message listing every problem.
 */
public final class HostImports {
    private HostImports() {}

    public static ImportValues link(HostcallContext vm) {
        WasmModule module = vm.spec().module().wasm();
        ImportValues.Builder b = ImportValues.builder();
        List<String> problems = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        Map<String, HostFunction> wasi = null;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            // Names are the module's bytes: shown escaped, so a message stays one line.
            String raw = imp.module() + "." + imp.name();
            String key = OneLine.escape(raw);
            if (imp instanceof FunctionImport f) {
                if (!linked.add(raw)) {
                    continue;
                }
                FunctionType declared = module.typeSection().getType(f.typeIndex());
                if (imp.module().equals("env")) {
                    Hostcall h = HostcallCatalog.env(imp.name());
                    if (h == null) {
                        problems.add(key + " (not a hostcall this host provides)");
                    } else if (!HostcallCatalog.compatible(h, declared)) {
                        problems.add(
                                key
                                        + " (the module expects "
                                        + HostcallCatalog.describe(declared)
                                        + ", the host provides "
                                        + HostcallCatalog.describe(h.type())
                                        + ")");
                    } else {
                        b.addFunction(hostFunction(vm, h, declared));
                    }
                } else if (WasiHost.MODULES.contains(imp.module())) {
                    if (wasi == null) {
                        wasi = WasiHost.functions(vm);
                    }
                    HostFunction fn = wasi.get(imp.name());
                    if (fn == null) {
                        fn = WasiHost.unsupported(imp.name(), declared);
                    } else if (!fn.functionType().equals(declared)) {
                        problems.add(
                                key
                                        + " (unexpected signature "
                                        + HostcallCatalog.describe(declared)
                                        + ")");
                        continue;
                    }
                    b.addFunction(
                            new HostFunction(imp.module(), imp.name(), declared, fn.handle()));
                } else {
                    problems.add(key + " (unknown import module)");
                }
            } else if (imp instanceof MemoryImport m) {
                MemoryLimits l = m.limits();
                int max = Math.min(l.maximumPages(), vm.env().maxMemoryPages());
                b.addMemory(
                        new ImportMemory(
                                imp.module(),
                                imp.name(),
                                new ByteArrayMemory(new MemoryLimits(l.initialPages(), max))));
            } else {
                problems.add(key + " (the host provides no " + imp.importType() + " imports)");
            }
        }
        if (!problems.isEmpty()) {
            throw new LinkException(
                    vm.spec().module().name()
                            + ": cannot link: the module imports "
                            + String.join(", ", problems));
        }
        return b.build();
    }

    private static HostFunction hostFunction(
            HostcallContext vm, Hostcall h, FunctionType declared) {
        boolean returns = !declared.returns().isEmpty();
        return new HostFunction(
                "env",
                h.name(),
                declared,
                (Instance instance, long... args) -> {
                    vm.memory().bind(instance);
                    long r = invoke(vm, h, args);
                    return returns ? new long[] {r} : null;
                });
    }

    static long invoke(HostcallContext vm, Hostcall h, long[] args) {
        try {
            return h.handler().apply(vm, args);
        } catch (GuestMemory.MemoryFault f) {
            return vm.hostcallHint(
                    h.name(),
                    WasmResult.INVALID_MEMORY_ACCESS,
                    "a pointer or length points outside guest memory (or the guest allocator"
                            + " returned 0)");
        } catch (ChicoryException | GuestAbort e) {
            throw e;
        } catch (RuntimeException e) {
            return vm.hostcallHint(h.name(), WasmResult.INTERNAL_FAILURE, "host error: " + e);
        }
    }
}
