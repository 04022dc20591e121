package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * An export of one instance as a method handle of type {@link #TYPE}: up to five integer arguments
 * (those past the export's own count are dropped), one result (0 for none). What the host calls the
 * guest through: the Proxy-Wasm callbacks and the allocator.
 *
 * <p>On the compiled machine the handle calls the static method Chicory's compiler made for the
 * function, {@code func_N(args..., Memory, Instance)} in a {@code <machine>FuncGroup_k} class (see
 * Chicory's {@code Compiler.emitFunctionGroup}; a function left to the interpreter has one too,
 * which hands over to it). Chicory's public path, {@code ExportFunction.apply}, boxes the arguments
 * and the result in {@code long[]} and dispatches on the function's index through two generated
 * switches; going around it took a no-op request (six calls) from 280 to 208 bytes and about a
 * fifth of its time (the README's Performance section). That public path is kept for the
 * interpreter, for exports taking or returning floats, for modules that declare GC types (it also
 * runs Chicory's GC-reference safe point after each call, which only struct and array types need),
 * and for a machine whose classes are not shaped as expected.
 */
final class GuestExport {
    private static final MethodType TYPE =
            MethodType.methodType(
                    long.class, long.class, long.class, long.class, long.class, long.class);

    private static final int MAX_ARGS = 5;

    private static final MethodHandle VIA_EXPORT;

    static {
        try {
            VIA_EXPORT =
                    MethodHandles.lookup()
                            .findStatic(
                                    GuestExport.class,
                                    "viaExport",
                                    TYPE.insertParameterTypes(0, ExportFunction.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GuestExport() {}

    /**
     * The handle for the function {@code export} of {@code instance} (of {@code module}), which
     * must exist (an export taking more than five arguments gets 0 for the rest); {@code compiled}:
     * the instance runs on Chicory's compiled machine.
     */
    static MethodHandle of(
            Instance instance, LoadedModule module, String export, boolean compiled) {
        LoadedModule.ExportedFunction f = module.exportedFunction(export);
        MethodHandle direct =
                compiled && !module.declaresGcTypes()
                        ? direct(instance, f.index(), f.type())
                        : null;
        if (direct != null) {
            return direct;
        }
        return MethodHandles.insertArguments(
                VIA_EXPORT, 0, instance.export(export), f.type().params().size());
    }

    /** Calls {@code h} from code that declares no checked exception (guest code throws none). */
    static long call(MethodHandle h, long a0) {
        try {
            return (long) h.invokeExact(a0, 0L, 0L, 0L, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static long viaExport(
            ExportFunction f, int arity, long a0, long a1, long a2, long a3, long a4) {
        long[] args = Arrays.copyOf(new long[] {a0, a1, a2, a3, a4}, arity);
        long[] r = f.apply(args);
        return r == null || r.length == 0 ? 0 : r[0];
    }

    private static MethodHandle direct(Instance instance, int index, FunctionType type) {
        try {
            if (!integers(type)) {
                return null;
            }
            MethodHandle h = generated(instance, index, type);
            if (h == null) {
                return null;
            }
            int n = type.params().size();
            h = MethodHandles.insertArguments(h, n, instance.memory(), instance);
            Class<?>[] unused = new Class<?>[MAX_ARGS - n];
            Arrays.fill(unused, long.class);
            // long to int narrows as Chicory's own unboxing does; int to long sign-extends; no
            // result becomes 0.
            return MethodHandles.explicitCastArguments(
                    MethodHandles.dropArguments(h, n, unused), TYPE);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean integers(FunctionType type) {
        if (type.params().size() > MAX_ARGS || type.returns().size() > 1) {
            return false;
        }
        for (ValType v : type.params()) {
            if (!v.equals(ValType.I32) && !v.equals(ValType.I64)) {
                return false;
            }
        }
        return type.returns().isEmpty()
                || type.returns().get(0).equals(ValType.I32)
                || type.returns().get(0).equals(ValType.I64);
    }

    /**
     * {@code static func_<index>(params..., Memory, Instance)} in the first of the machine's
     * function-group classes that has it, or null.
     */
    private static MethodHandle generated(Instance instance, int index, FunctionType type)
            throws IllegalAccessException {
        Class<?> machine = instance.getMachine().getClass();
        MethodType jvmType =
                MethodType.methodType(
                                type.returns().isEmpty() ? void.class : jvm(type.returns().get(0)),
                                type.params().stream()
                                        .map(GuestExport::jvm)
                                        .toArray(Class<?>[]::new))
                        .appendParameterTypes(Memory.class, Instance.class);
        for (int group = 0; ; group++) {
            Class<?> c;
            try {
                c =
                        Class.forName(
                                machine.getName() + "FuncGroup_" + group,
                                false,
                                machine.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
            try {
                // Package-private classes of an unnamed module, which is open to every module.
                return MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                        .findStatic(c, "func_" + index, jvmType);
            } catch (NoSuchMethodException e) {
                // in a later group
            }
        }
    }

    private static Class<?> jvm(ValType v) {
        return v.equals(ValType.I32) ? int.class : long.class;
    }
}
