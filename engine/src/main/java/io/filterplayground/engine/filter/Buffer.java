package io.filterplayground.engine.filter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer: a body chunk or the body a filter has buffered so far. */
public final class Buffer {
    private byte[] data;
    private int length;

    public Buffer() {
        this.data = new byte[0];
    }

    public Buffer(byte[] initial) {
        this.data = initial.clone();
        this.length = initial.length;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte[] bytes() {
        return Arrays.copyOf(data, length);
    }

    /** Bytes {@code [start, start+len)}, clamped to the buffer like cpp-host does. */
    public byte[] slice(int start, int len) {
        if (start >= length || len <= 0) {
            return new byte[0];
        }
        int end = (int) Math.min((long) start + len, length);
        return Arrays.copyOfRange(data, start, end);
    }

    public void append(byte[] more) {
        ensure(length + more.length);
        System.arraycopy(more, 0, data, length, more.length);
        length += more.length;
    }

    public void append(Buffer other) {
        append(other.bytes());
    }

    public void prepend(byte[] more) {
        byte[] next = new byte[length + more.length];
        System.arraycopy(more, 0, next, 0, more.length);
        System.arraycopy(data, 0, next, more.length, length);
        data = next;
        length = next.length;
    }

    /** Removes the first {@code n} bytes (all of them when {@code n >= length}). */
    public void drain(int n) {
        int k = Math.max(0, Math.min(n, length));
        System.arraycopy(data, k, data, 0, length - k);
        length -= k;
    }

    public void set(byte[] content) {
        data = content.clone();
        length = content.length;
    }

    public void clear() {
        length = 0;
    }

    public String utf8() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int capacity) {
        if (capacity > data.length) {
            data = Arrays.copyOf(data, Math.max(capacity, data.length * 2 + 16));
        }
    }

    @Override
    public String toString() {
        return utf8();
    }
}
