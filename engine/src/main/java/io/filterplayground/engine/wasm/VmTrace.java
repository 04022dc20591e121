package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.Callback;
import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.abi.WasmResult;
import io.filterplayground.engine.filter.StreamCallbacks;
import io.filterplayground.engine.trace.ArgMap;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.trace.Tracer;
import io.filterplayground.engine.trace.VmEvent;
import java.util.Map;

/**
 * A VM's trace events (callbacks, hostcalls, logs, lifecycle), each stamped with the call in
 * progress: its context, the stream it concerns, and the callback event it belongs to.
 */
final class VmTrace {
    private final WasmVm vm;
    private final Tracer tracer;
    private final LogLevel level;

    VmTrace(WasmVm vm, Tracer tracer, LogLevel level) {
        this.vm = vm;
        this.tracer = tracer;
        this.level = level;
    }

    Tracer tracer() {
        return tracer;
    }

    void callback(
            long seq,
            StreamCallbacks stream,
            Context ctx,
            Callback cb,
            long[] args,
            String result,
            long nanos) {
        tracer.emit(
                new CallbackEvent(
                        seq,
                        stream == null ? 0 : stream.streamId(),
                        Tracer.thread(),
                        ctx.owner(),
                        vm.id(),
                        ctx.id(),
                        cb.exportName(),
                        ArgMap.of(cb.argNames(), args),
                        result,
                        nanos));
    }

    int hostcall(String name, WasmResult result, String hint, Object[] kv) {
        CallFrame f = vm.frame();
        if (tracerOf(f).details()) {
            Map<String, Object> args = ArgMap.ofPairs(kv);
            Context c = f.context();
            tracer.emit(
                    new HostCallEvent(
                            tracer.nextSeq(),
                            f.seq(),
                            streamId(f),
                            Tracer.thread(),
                            owner(c),
                            vm.id(),
                            c == null ? 0 : c.id(),
                            name,
                            args,
                            result.displayName(),
                            hint));
        }
        return result.code();
    }

    /**
     * Whether a line at this level is recorded: Envoy drops lines below its level; the full trace
     * keeps them (marked suppressed), to answer "where are my logs?".
     */
    boolean records(LogLevel l) {
        return l.code() >= level.code() || tracerOf(vm.frame()).details();
    }

    /** The tracer of the stream the call concerns (it may record less), else the VM's. */
    private Tracer tracerOf(CallFrame f) {
        StreamCallbacks s = f.stream();
        return s == null ? tracer : s.tracer();
    }

    void log(LogLevel l, String message) {
        boolean suppressed = l.code() < level.code();
        if (!suppressed) {
            vm.output().add(l, message);
        }
        CallFrame f = vm.frame();
        Context c = f.context();
        tracer.emit(
                new LogEvent(
                        tracer.nextSeq(),
                        f.seq(),
                        streamId(f),
                        Tracer.thread(),
                        owner(c),
                        vm.id(),
                        c == null ? 0 : c.id(),
                        l,
                        message,
                        suppressed));
    }

    void vmEvent(String what, String detail) {
        tracer.emit(
                new VmEvent(
                        tracer.nextSeq(),
                        0,
                        Tracer.thread(),
                        vm.id(),
                        vm.spec().module().name(),
                        what,
                        detail));
    }

    private static long streamId(CallFrame f) {
        StreamCallbacks s = f.stream();
        return s == null ? 0 : s.streamId();
    }

    private String owner(Context c) {
        return c == null ? vm.spec().displayName() : c.owner();
    }
}
