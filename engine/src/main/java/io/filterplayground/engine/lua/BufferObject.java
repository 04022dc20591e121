package io.filterplayground.engine.lua;

import io.filterplayground.engine.filter.Buffer;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Envoy's {@code BufferWrapper}: the buffered body ({@code handle:body()}) or one chunk of {@code
 * handle:bodyChunks()}, with {@code length}, {@code getBytes(index, length)} and {@code setBytes}.
 */
final class BufferObject extends LuaObject {
    final Buffer buffer;

    BufferObject(LuaRun run, int segment, Buffer buffer) {
        super(run, segment);
        this.buffer = buffer;
    }

    static ObjectType type() {
        LuaTable m = new LuaTable();
        m.set(
                "length",
                method(
                        BufferObject.class,
                        "body:length",
                        (b, args) -> {
                            int n = b.buffer.length();
                            b.run.hostcall("body:length", n);
                            return LuaValue.valueOf(n);
                        }));
        m.set(
                "getBytes",
                method(
                        BufferObject.class,
                        "body:getBytes",
                        (b, args) -> {
                            long index = args.checklong(2);
                            long length = args.checklong(3);
                            int size = b.buffer.length();
                            if (index < 0 || length < 0 || index + length > size) {
                                throw new LuaError(
                                        "index/length must be >= 0 and (index + length) must be"
                                                + " <= buffer size");
                            }
                            byte[] bytes = b.buffer.slice((int) index, (int) length);
                            b.run.hostcall(
                                    "body:getBytes",
                                    bytes.length + " byte(s)",
                                    "index",
                                    index,
                                    "length",
                                    length);
                            return LuaString.valueUsing(bytes);
                        }));
        m.set(
                "setBytes",
                method(
                        BufferObject.class,
                        "body:setBytes",
                        (b, args) -> {
                            byte[] bytes = LuaValues.bytes(args.checkstring(2));
                            b.buffer.set(bytes);
                            LuaRun run = b.run;
                            if (!run.headersContinued && run.headers != null) {
                                run.headers.replace(
                                        "content-length", Integer.toString(bytes.length));
                            }
                            run.hostcall(
                                    "body:setBytes",
                                    "ok",
                                    "length",
                                    bytes.length,
                                    "data",
                                    preview(bytes));
                            // Envoy's setBytes answers the body's new length.
                            return LuaValue.valueOf(bytes.length);
                        }));
        return new ObjectType("body", m);
    }

    /** The start of {@code bytes} as text, for the trace. */
    static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        return bytes.length > 64 ? s + "..." : s;
    }
}
