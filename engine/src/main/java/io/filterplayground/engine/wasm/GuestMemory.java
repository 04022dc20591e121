package io.filterplayground.engine.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import io.filterplayground.engine.abi.Limits;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * A VM's linear memory as hostcalls see it: every access bounds-checked (an out-of-range pointer is
 * a {@link MemoryFault}, which the hostcall answers {@code InvalidMemoryAccess}), and bytes handed
 * to the guest through its own allocator.
 */
public final class GuestMemory {
    private Memory memory;
    private MethodHandle allocator;

    /** Binds the instance's memory early: hostcalls may run from the module's start section. */
    public void bind(Instance instance) {
        if (memory == null) {
            memory = instance.memory();
        }
    }

    void allocator(MethodHandle allocator) {
        this.allocator = allocator;
    }

    boolean bound() {
        return memory != null;
    }

    public int pages() {
        return memory == null ? 0 : memory.pages();
    }

    public byte[] read(int ptr, int len) {
        long p = ptr & 0xffffffffL;
        long l = len & 0xffffffffL;
        if (l > Limits.MAX_COPY_BYTES || p + l > size()) {
            throw MemoryFault.INSTANCE;
        }
        return memory.readBytes((int) p, (int) l);
    }

    public String readString(int ptr, int len) {
        return new String(read(ptr, len), StandardCharsets.UTF_8);
    }

    public int readU32(int ptr) {
        check(ptr, 4);
        return memory.readInt(ptr);
    }

    public void writeU32(int ptr, int value) {
        check(ptr, 4);
        memory.writeI32(ptr, value);
    }

    public void writeU64(int ptr, long value) {
        check(ptr, 8);
        memory.writeLong(ptr, value);
    }

    public void write(int ptr, byte[] data) {
        check(ptr, data.length);
        memory.write(ptr, data);
    }

    /**
     * Hands bytes to the guest: allocates with its allocator, copies, and writes the pointer and
     * length at {@code ptrPtr} / {@code sizePtr}. Empty values are {@code (0, 0)} without calling
     * the allocator, as cpp-host does.
     */
    public void returnBytes(byte[] data, int ptrPtr, int sizePtr) {
        check(ptrPtr, 4);
        check(sizePtr, 4);
        if (data.length == 0) {
            memory.writeI32(ptrPtr, 0);
            memory.writeI32(sizePtr, 0);
            return;
        }
        int ptr = allocate(data.length);
        write(ptr, data);
        memory.writeI32(ptrPtr, ptr);
        memory.writeI32(sizePtr, data.length);
    }

    /** Calls the guest allocator; a zero result is an invalid memory access for the hostcall. */
    public int allocate(int size) {
        int ptr = (int) GuestExport.call(allocator, size);
        if (ptr == 0) {
            throw MemoryFault.INSTANCE;
        }
        return ptr;
    }

    /** Bounds-checks a guest range without copying it. */
    public void check(int ptr, int len) {
        long p = ptr & 0xffffffffL;
        if (memory == null || p + (len & 0xffffffffL) > size()) {
            throw MemoryFault.INSTANCE;
        }
    }

    private long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** Thrown inside hostcalls for an out-of-bounds guest pointer or a failed allocation. */
    public static final class MemoryFault extends RuntimeException {
        static final MemoryFault INSTANCE = new MemoryFault();

        private MemoryFault() {
            super("invalid memory access", null, false, false);
        }
    }
}
