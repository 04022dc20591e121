package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.wasm.host.HostImports;

/**
 * Brings a VM to life as Envoy's host does: links the imports, instantiates on the chosen machine
 * with guest memory capped, finds the allocator ({@code malloc} first, then {@code
 * proxy_on_memory_allocate}), and runs the start function ({@code _initialize} then {@code main},
 * or {@code _start}).
 */
final class VmStart {
    private VmStart() {}

    static void instantiate(WasmVm vm) {
        LoadedModule module = vm.spec().module();
        if (vm.abi() == null) {
            throw new FilterStartException(
                    module.name()
                            + ": Missing or unknown Proxy-Wasm ABI version (the module exports no"
                            + " proxy_abi_version_0_1_0, _0_2_0 or _0_2_1 marker)");
        }
        checkCallbackArity(module);
        ImportValues imports = HostImports.link(vm.hostcalls());
        int cap = vm.env().maxMemoryPages();
        Instance.Builder b =
                Instance.builder(
                                vm.env().machine() == Machine.COMPILED
                                        ? module.wasm()
                                        : module.withCode())
                        .withImportValues(imports)
                        .withStart(false)
                        .withMemoryFactory(
                                limits ->
                                        new ByteArrayMemory(
                                                new MemoryLimits(
                                                        limits.initialPages(),
                                                        Math.min(limits.maximumPages(), cap))));
        if (vm.env().machine() == Machine.COMPILED) {
            b.withMachineFactory(module.compiledMachine());
        } else {
            b.withMachineFactory(i -> vm.interpreter = new StackKeepingInterpreter(i));
        }
        Instance instance;
        try {
            instance = b.build();
        } catch (EngineException e) {
            throw e;
        } catch (ChicoryException | StackOverflowError | IllegalArgumentException e) {
            throw new FilterStartException(
                    module.name()
                            + ": cannot instantiate: "
                            + LoadedModule.plain(String.valueOf(e.getMessage())));
        } catch (RuntimeException | AssertionError e) {
            // Malformed bytes can fail inside Chicory without a ChicoryException (fuzzing).
            throw new FilterStartException(
                    module.name() + ": cannot instantiate: " + e.getClass().getSimpleName());
        }
        if (instance.memory() == null) {
            throw new FilterStartException(module.name() + ": the module has no linear memory");
        }
        vm.bind(instance, allocator(module));
        vm.vmEvent(
                "created",
                module.name()
                        + ", ABI "
                        + vm.abi().version()
                        + ", "
                        + vm.env().machine().displayName());
        runStart(vm, module, instance);
    }

    /**
     * cpp-host refuses a module whose callback export has another signature than the ABI's ({@code
     * getModuleFunctionImpl} in src/v8/v8.cc: "Bad function signature for: ..."; Envoy's test
     * module bad_signature_cpp.cc). The playground refuses one that takes more arguments than the
     * host passes (found by fuzzing: the call had no arguments to give it), and accepts fewer, as
     * for ABI 0.1.0's two-argument header callbacks.
     */
    private static void checkCallbackArity(LoadedModule module) {
        for (Callback cb : Callback.values()) {
            FunctionType t = module.exportType(cb.exportName());
            if (t != null && t.params().size() > cb.argNames().length) {
                throw new FilterStartException(
                        module.name()
                                + ": Bad function signature for: "
                                + cb.exportName()
                                + " (it takes "
                                + t.params().size()
                                + " parameters; Envoy calls it with "
                                + cb.argNames().length
                                + ")");
            }
        }
    }

    /** The allocator's export name. */
    private static String allocator(LoadedModule module) {
        // Envoy (cpp-host WasmBase::getFunctions) looks up malloc first, then
        // proxy_on_memory_allocate.
        if (module.exportsFunction("malloc")) {
            return "malloc";
        }
        if (module.exportsFunction("proxy_on_memory_allocate")) {
            return "proxy_on_memory_allocate";
        }
        throw new FilterStartException(
                module.name()
                        + ": exports neither malloc nor proxy_on_memory_allocate, so the host"
                        + " cannot hand it data (Envoy: \"missing malloc\")");
    }

    private static void runStart(WasmVm vm, LoadedModule module, Instance instance) {
        String start =
                module.exportsFunction("_initialize")
                        ? "_initialize"
                        : module.exportsFunction("_start") ? "_start" : null;
        if (start == null) {
            vm.vmEvent("started", "no _initialize or _start export");
            return;
        }
        vm.push().clear();
        boolean fired = false;
        Throwable failed = null;
        String outcome = start + " ran";
        try {
            instance.export(start).apply();
            if (start.equals("_initialize") && module.exportsFunction("main")) {
                FunctionType t = module.exportType("main");
                instance.export("main").apply(new long[t.params().size()]);
            }
        } catch (WasiExitException e) {
            // Some SDKs exit from _start on purpose; the instance stays usable.
            outcome = start + " called proc_exit(" + e.exitCode() + ")";
        } catch (Throwable t) {
            failed = t;
        } finally {
            fired = vm.pop();
        }
        if (failed != null) {
            throw new FilterStartException(
                    module.name()
                            + ": "
                            + start
                            + " failed: "
                            + Traps.describe(
                                    failed, fired, start, vm.env().watchdog().limitMillis()),
                    vm.output().lines(),
                    Traps.wasmStack(failed, module, vm.interpreter));
        }
        vm.vmEvent("started", outcome);
    }
}
