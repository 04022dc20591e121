package io.filterplayground.engine.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A synthetic Proxy-Wasm module of about {@code functions × bodyBytes} bytes, shaped like a
 * Go-built one where it matters to the host: few exports, many large functions (Go's are huge, so
 * Chicory's compiler gives some of them to the interpreter). {@code proxy_on_request_headers} calls
 * the first filler, which calls the next, down the chain, so every function runs.
 */
public final class BigModule {
    private BigModule() {}

    public static byte[] build(int functions, int bodyBytes) {
        Out types = new Out();
        types.u32(5);
        types.bytes(0x60, 0x00, 0x00); // 0: () -> ()
        types.bytes(0x60, 0x02, 0x7f, 0x7f, 0x00); // 1: (i32, i32) -> ()
        types.bytes(0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f); // 2: (i32, i32) -> i32
        types.bytes(0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f); // 3: (i32, i32, i32) -> i32
        types.bytes(0x60, 0x01, 0x7f, 0x01, 0x7f); // 4: (i32) -> i32
        // The ABI's exports, then the fillers: each (i32, i32) -> i32.
        int abi = 6;
        Out funcs = new Out();
        funcs.u32(abi + functions);
        funcs.u32(0); // proxy_abi_version_0_2_1
        funcs.u32(1); // proxy_on_context_create
        funcs.u32(2); // proxy_on_vm_start
        funcs.u32(2); // proxy_on_configure
        funcs.u32(3); // proxy_on_request_headers
        funcs.u32(4); // proxy_on_memory_allocate
        for (int i = 0; i < functions; i++) {
            funcs.u32(2);
        }
        Out memory = new Out();
        memory.u32(1);
        memory.bytes(0x00, 0x01); // 1 page, no maximum
        Out exports = new Out();
        String[] names = {
            "proxy_abi_version_0_2_1",
            "proxy_on_context_create",
            "proxy_on_vm_start",
            "proxy_on_configure",
            "proxy_on_request_headers",
            "proxy_on_memory_allocate"
        };
        exports.u32(names.length + 1);
        for (int i = 0; i < names.length; i++) {
            exports.name(names[i]);
            exports.bytes(0x00);
            exports.u32(i);
        }
        exports.name("memory");
        exports.bytes(0x02);
        exports.u32(0);

        Out code = new Out();
        code.u32(abi + functions);
        code.body(new byte[] {0x00, 0x0b}); // abi marker: nothing
        code.body(new byte[] {0x00, 0x0b}); // context_create
        code.body(new byte[] {0x00, 0x41, 0x01, 0x0b}); // vm_start: true
        code.body(new byte[] {0x00, 0x41, 0x01, 0x0b}); // configure: true
        // request_headers: call the first filler, drop, Continue.
        Out rh = new Out();
        rh.bytes(0x00, 0x41, 0x01, 0x41, 0x02, 0x10);
        rh.u32(abi);
        rh.bytes(0x1a, 0x41, 0x00, 0x0b);
        code.body(rh.toByteArray());
        code.body(new byte[] {0x00, 0x41, (byte) 0x80, 0x08, 0x0b}); // allocate: 1024
        for (int i = 0; i < functions; i++) {
            Out f = new Out();
            f.bytes(0x00); // no locals
            // x = x * 31 + k, over and over: a long straight-line body.
            int k = 0;
            while (f.size() < bodyBytes - 16) {
                f.bytes(0x20, 0x00, 0x41, 0x1f, 0x6c, 0x41);
                f.s32(k++ & 0xffff);
                f.bytes(0x6a, 0x21, 0x00);
            }
            if (i + 1 < functions) {
                f.bytes(0x20, 0x00, 0x20, 0x01, 0x10);
                f.u32(abi + i + 1);
            } else {
                f.bytes(0x20, 0x00);
            }
            f.bytes(0x0b);
            code.body(f.toByteArray());
        }

        Out m = new Out();
        m.bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        m.section(1, types);
        m.section(3, funcs);
        m.section(5, memory);
        m.section(7, exports);
        m.section(10, code);
        return m.toByteArray();
    }

    private static final class Out extends ByteArrayOutputStream {
        void bytes(int... bs) {
            for (int b : bs) {
                write(b);
            }
        }

        void u32(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
        }

        void s32(int v) {
            boolean more = true;
            while (more) {
                int b = v & 0x7f;
                v >>= 7;
                more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
                write(more ? b | 0x80 : b);
            }
        }

        void name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            writeBytes(b);
        }

        void body(byte[] b) {
            u32(b.length);
            writeBytes(b);
        }

        void section(int id, Out content) {
            write(id);
            u32(content.size());
            writeBytes(content.toByteArray());
        }
    }
}
