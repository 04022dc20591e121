package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.error.FilterTrapException;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Traps in plain words: why a guest call failed, the Wasm functions that were running, and what the
 * failure policy did about it.
 */
public final class Traps {
    private static final Pattern COMPILED_FRAME = Pattern.compile("func_(\\d+)");

    private Traps() {}

    /** Why {@code call} failed; {@code watchdogFired} when the watchdog interrupted it. */
    static String describe(Throwable t, boolean watchdogFired, String call, long limitMillis) {
        if (t instanceof ChicoryInterruptedException
                || (watchdogFired && t instanceof ChicoryException)) {
            return "watchdog: "
                    + call
                    + " ran longer than "
                    + limitMillis
                    + " ms and was interrupted";
        }
        if (t instanceof WasiExitException e) {
            return "the module called proc_exit(" + e.exitCode() + ") in " + call;
        }
        if (t instanceof GuestAbort a) {
            return "abort: " + a.getMessage();
        }
        if (t instanceof InjectedFault) {
            return "trap in " + call + ": " + t.getMessage();
        }
        if (t instanceof TrapException || t instanceof ChicoryException) {
            return "trap in " + call + ": " + LoadedModule.plain(t.getMessage());
        }
        if (t instanceof StackOverflowError) {
            // Chicory's own words for it (its interpreter's, its compiled machine's public path).
            return "trap in " + call + ": call stack exhausted";
        }
        if (t instanceof OutOfMemoryError) {
            return "trap in " + call + ": the host ran out of memory";
        }
        return "host error in " + call + ": " + t;
    }

    /**
     * The Wasm functions that were running when {@code t} was thrown, innermost first: from the
     * interpreter's shadow stack ({@code interpreter} non-null), or from the compiled machine's JVM
     * frames.
     */
    static List<String> wasmStack(
            Throwable t, LoadedModule module, StackKeepingInterpreter interpreter) {
        List<String> frames = new ArrayList<>();
        if (interpreter != null) {
            for (int idx : interpreter.stackAt(t)) {
                // Host functions are left out, as the compiled machine's frames leave them out.
                if (frames.size() < 20 && !module.importsFunction(idx)) {
                    frames.add(module.functionName(idx));
                }
            }
            return frames;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (frames.size() >= 20) {
                break;
            }
            if (!e.getClassName().contains("$gen") && !e.getClassName().contains("Compiled")) {
                continue;
            }
            Matcher m = COMPILED_FRAME.matcher(e.getMethodName());
            if (m.matches()) {
                String name = module.functionName(Integer.parseInt(m.group(1)));
                if (frames.isEmpty() || !frames.get(frames.size() - 1).equals(name)) {
                    frames.add(name);
                }
            }
        }
        return frames;
    }

    public static void report(
            WasmVm vm,
            Context ctx,
            Callback cb,
            FilterTrapException e,
            long streamId,
            String effect) {
        PluginSpec plugin = ctx.root().plugin();
        Tracer t = vm.tracer();
        t.emit(
                new TrapEvent(
                        t.nextSeq(),
                        streamId,
                        Tracer.thread(),
                        plugin.name(),
                        vm.id(),
                        ctx.id(),
                        cb.exportName(),
                        e.getMessage(),
                        e.wasmStack(),
                        plugin.failurePolicy().displayName(),
                        effect));
    }

    /** What later streams on this worker will see after the VM failed. */
    public static String laterStreams(PluginSpec plugin) {
        return switch (plugin.failurePolicy()) {
            case FAIL_CLOSED ->
                    "the VM is failed: later requests on this worker get 503 (failClosed)";
            case FAIL_OPEN ->
                    "the VM is failed: later requests on this worker skip this filter (failOpen)";
            case FAIL_RELOAD ->
                    "the VM is failed: the next request on this worker gets a fresh VM (failReload)";
        };
    }

    /** The trap an injected fault stands for: the guest does not run. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(int call) {
            super(
                    "injected fault (the filter's inject: makes call " + call + " on this VM trap)",
                    null,
                    false,
                    false);
        }
    }
}
