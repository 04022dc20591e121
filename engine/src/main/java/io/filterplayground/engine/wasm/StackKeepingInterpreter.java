package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Arrays;
import java.util.Deque;

/**
 * Chicory's interpreter, keeping the indexes of the Wasm functions being called, so that a trap can
 * name them. The compiled machine gives them through its JVM frames ({@code func_N}); the
 * interpreter's JVM frames are its own loop. Every Wasm call, direct or indirect, and every
 * imported function goes through {@link #call}, so a shadow stack of ints is all it takes.
 */
final class StackKeepingInterpreter extends InterpreterMachine {
    private int[] functions = new int[64];
    private int depth;
    private Throwable trapped;
    private int[] atTrap = new int[0];

    StackKeepingInterpreter(Instance instance) {
        super(instance);
    }

    @Override
    protected long[] call(
            MStack stack,
            Instance instance,
            Deque<StackFrame> callStack,
            int funcId,
            long[] args,
            FunctionType callType,
            boolean popResults) {
        if (depth == functions.length) {
            functions = Arrays.copyOf(functions, depth * 2);
        }
        functions[depth++] = funcId;
        try {
            return super.call(stack, instance, callStack, funcId, args, callType, popResults);
        } catch (RuntimeException | Error e) {
            // The innermost frame sees the failure first; the frames it unwinds through keep it.
            if (e != trapped) {
                trapped = e;
                atTrap = new int[depth];
                for (int i = 0; i < depth; i++) {
                    atTrap[i] = functions[depth - 1 - i];
                }
            }
            throw e;
        } finally {
            depth--;
        }
    }

    /** The functions that were being called when {@code failure} was thrown, innermost first. */
    int[] stackAt(Throwable failure) {
        return failure == trapped ? atTrap : new int[0];
    }
}
