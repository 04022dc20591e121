package io.filterplayground.engine.wasm.host;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * One {@code env} function the host provides: its ABI signature and its handler. {@code honoured}
 * is false for functions linked only so modules load (they answer {@code Unimplemented}).
 */
public record Hostcall(String name, FunctionType type, Handler handler, boolean honoured) {
    /** Runs on the VM's thread; returns the status code (ignored for void functions). */
    @FunctionalInterface
    public interface Handler {
        long apply(HostcallContext vm, long[] args);
    }

    static Hostcall of(String name, int i32Params, Handler handler) {
        return new Hostcall(name, i32s(i32Params, true), handler, true);
    }

    static FunctionType i32s(int params, boolean returnsI32) {
        ValType[] p = new ValType[params];
        java.util.Arrays.fill(p, ValType.I32);
        return FunctionType.of(List.of(p), returnsI32 ? List.of(ValType.I32) : List.of());
    }
}
