package io.filterplayground.engine.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.filterplayground.samples.TestModule;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The host's calls into guest exports: straight into the compiled machine's generated methods, or
 * through Chicory's public path, with the same results either way.
 */
class GuestExportTest {
    private static final WasmModule MODULE = Parser.parse(TestModule.GUEST_EXPORTS.wasmBytes());
    private static final LoadedModule LOADED =
            LoadedModule.parse("guest_exports.wasm", TestModule.GUEST_EXPORTS.wasmBytes());

    private static Instance compiled() {
        return Instance.builder(MODULE)
                .withMachineFactory(MachineFactoryCompiler.compile(MODULE))
                .build();
    }

    private static Instance interpreted() {
        return Instance.builder(MODULE).build();
    }

    private static long call(Instance i, boolean direct, String export, long... args) {
        MethodHandle h = GuestExport.of(i, LOADED, export, direct);
        long[] a = java.util.Arrays.copyOf(args, 5);
        try {
            return (long) h.invokeExact(a[0], a[1], a[2], a[3], a[4]);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void shouldGiveTheSameResultsOnEveryPath() {
        Instance c = compiled();
        Instance i = interpreted();
        for (Object[] path : new Object[][] {{c, true}, {c, false}, {i, false}, {i, true}}) {
            Instance in = (Instance) path[0];
            boolean direct = (Boolean) path[1];
            // Arguments narrow to i32 as Chicory's unboxing does; an i32 result sign-extends.
            assertThat(call(in, direct, "negate", 5 + (1L << 32))).isEqualTo(-5);
            assertThat(call(in, direct, "sum5", 1, 2, 3, 4, 5)).isEqualTo(15);
            assertThat(call(in, direct, "triple", 1L << 40)).isEqualTo(3L << 40);
            assertThat(call(in, direct, "count", 7)).as("no result").isZero();
            long half = call(in, direct, "half", Float.floatToRawIntBits(3.0f));
            assertThat(Float.intBitsToFloat((int) half)).isEqualTo(1.5f);
        }
        assertThat(call(c, true, "counted")).as("one instance, both paths").isEqualTo(14);
    }

    @Test
    void shouldCallACompiledExportWithoutAllocating() {
        Instance c = compiled();
        MethodHandle direct = GuestExport.of(c, LOADED, "count", true);
        MethodHandle viaExport = GuestExport.of(c, LOADED, "count", false);
        long directBytes = allocatedBy(direct);
        long viaExportBytes = allocatedBy(viaExport);
        assertThat(directBytes).as("not one byte a call").isLessThan(10_000);
        assertThat(viaExportBytes).as("argument arrays").isGreaterThan(10_000L * 16);
        assertThat(call(c, true, "counted")).isEqualTo(2 * 10_000);
    }

    private static long allocatedBy(MethodHandle h) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int n = 0; n < 20_000; n++) {
            GuestExport.call(h, 1);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int n = 0; n < 10_000; n++) {
            GuestExport.call(h, 1);
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        GuestExport.call(h, -20_000);
        return bytes;
    }

    @Test
    void shouldTurnEndlessRecursionIntoATrapOnEitherMachine() {
        for (Instance in : new Instance[] {compiled(), interpreted()}) {
            Throwable t = catchThrowable(() -> call(in, true, "deep", 0));
            assertThat(Traps.describe(t, false, "deep", 1000))
                    .isEqualTo("trap in deep: call stack exhausted");
            assertThat(call(in, true, "negate", 1)).as("still usable").isEqualTo(-1);
        }
    }
}
