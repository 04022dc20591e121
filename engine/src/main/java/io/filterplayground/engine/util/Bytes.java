package io.filterplayground.engine.util;

import java.util.List;

/** Byte-array helpers every layer may use. */
public final class Bytes {
    private Bytes() {}

    /** The chunks one after the other. */
    public static byte[] join(List<byte[]> chunks) {
        int size = 0;
        for (byte[] c : chunks) {
            size += c.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }
}
