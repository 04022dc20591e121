package io.filterplayground.engine.state;

import io.filterplayground.engine.abi.Limits;
import io.filterplayground.engine.http.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The serialized header-map format (docs/abi-notes.md, "Serialized maps"): {@code u32 N}, then N
 * pairs of {@code u32} lengths, then each key and value followed by a NUL. Everything
 * little-endian.
 */
public final class Pairs {
    private Pairs() {}

    public static byte[] serialize(List<Header> headers) {
        List<byte[][]> raw = new ArrayList<>(headers.size());
        for (Header h : headers) {
            raw.add(
                    new byte[][] {
                        h.name().getBytes(StandardCharsets.UTF_8),
                        h.value().getBytes(StandardCharsets.UTF_8)
                    });
        }
        return serializeBytes(raw);
    }

    public static byte[] serializeBytes(List<byte[][]> pairs) {
        int size = 4;
        for (byte[][] p : pairs) {
            size += 8 + p[0].length + 1 + p[1].length + 1;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(pairs.size());
        for (byte[][] p : pairs) {
            b.putInt(p[0].length);
            b.putInt(p[1].length);
        }
        for (byte[][] p : pairs) {
            b.put(p[0]).put((byte) 0).put(p[1]).put((byte) 0);
        }
        return b.array();
    }

    /**
     * Parses serialized pairs. Returns null when the bytes are malformed (a missing NUL, lengths
     * past the end, bytes left over) or over cpp-host's limits; an input shorter than 4 bytes is an
     * empty map, as in cpp-host.
     */
    public static List<Header> parse(byte[] data) {
        if (data.length < 4) {
            return List.of();
        }
        if (data.length > Limits.MAX_PAIRS_BYTES) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getInt() & 0xffffffffL;
        if (n > Limits.MAX_PAIRS_COUNT || 4 + n * 8 > data.length) {
            return null;
        }
        long[] keyLen = new long[(int) n];
        long[] valLen = new long[(int) n];
        for (int i = 0; i < n; i++) {
            keyLen[i] = b.getInt() & 0xffffffffL;
            valLen[i] = b.getInt() & 0xffffffffL;
        }
        List<Header> out = new ArrayList<>((int) n);
        int pos = b.position();
        for (int i = 0; i < n; i++) {
            if (pos + keyLen[i] + 1 > data.length || data[(int) (pos + keyLen[i])] != 0) {
                return null;
            }
            String key = new String(data, pos, (int) keyLen[i], StandardCharsets.UTF_8);
            pos += (int) keyLen[i] + 1;
            if (pos + valLen[i] + 1 > data.length || data[(int) (pos + valLen[i])] != 0) {
                return null;
            }
            String value = new String(data, pos, (int) valLen[i], StandardCharsets.UTF_8);
            pos += (int) valLen[i] + 1;
            out.add(new Header(key, value));
        }
        return pos == data.length ? out : null;
    }
}
