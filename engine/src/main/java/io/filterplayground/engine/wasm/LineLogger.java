package io.filterplayground.engine.wasm;

import io.filterplayground.engine.abi.LogLevel;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * WASI stdout/stderr of a VM: each line becomes a log line (stdout at INFO, stderr at ERROR, as the
 * spec asks), never the host's own console.
 */
public final class LineLogger extends OutputStream {
    private static final int MAX_LINE = 64 * 1024;

    private final VmTrace trace;
    private final LogLevel level;
    // Not a ByteArrayOutputStream: its synchronized methods would cost a lock on every callback.
    private byte[] line = new byte[128];
    private int size;

    LineLogger(VmTrace trace, LogLevel level) {
        this.trace = trace;
        this.level = level;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            if (size == line.length) {
                line = java.util.Arrays.copyOf(line, size * 2);
            }
            line[size++] = (byte) b;
            if (size >= MAX_LINE) {
                emit();
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Emits a partial line, so nothing is lost when a callback ends mid-line. */
    @Override
    public void flush() {
        if (size > 0) {
            emit();
        }
    }

    private void emit() {
        String text = new String(line, 0, size, StandardCharsets.UTF_8);
        size = 0;
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        trace.log(level, text);
    }
}
