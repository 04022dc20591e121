package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.http.Utf8;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Bytes given as text ({@code send: "PING"}) or as base64 ({@code sendBase64: ...}), one of the
 * two. Written back as text when they are readable UTF-8, unless they are binary by nature (a gRPC
 * message is protobuf), which is always written as base64.
 */
final class BytesSection implements Section<byte[]>, Slot<byte[]> {
    private final String text;
    private final String base64;
    private final boolean binary;

    private BytesSection(String text, String base64, boolean binary) {
        this.text = text;
        this.base64 = base64;
        this.binary = binary;
    }

    /** Bytes that are usually text; null when absent, and {@code ""} is written as such. */
    static BytesSection text(String text, String base64) {
        return new BytesSection(text, base64, false);
    }

    /** Bytes that are usually binary; empty when absent, and left out when empty. */
    static BytesSection binary(String text, String base64) {
        return new BytesSection(text, base64, true);
    }

    String textKey() {
        return text;
    }

    String base64Key() {
        return base64;
    }

    boolean given(Fields in) {
        return in.has(text) || in.has(base64);
    }

    /** The bytes as text when they are UTF-8 without control characters (tab, CR, LF aside). */
    static String readable(byte[] b) {
        String t = Utf8.orNull(b);
        return t == null || t.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\r' && c != '\n')
                ? null
                : t;
    }

    @Override
    public byte[] absent() {
        return binary ? new byte[0] : null;
    }

    @Override
    public List<String> keys() {
        return List.of(text, base64);
    }

    @Override
    public void read(Fields in, Draft into) {
        if (in.has(text) && in.has(base64)) {
            throw in.error(base64, "give " + text + " or " + base64 + ", not both");
        }
        if (in.has(base64)) {
            into.put(this, in.read(base64, Values.BASE64));
        } else if (in.has(text)) {
            into.put(this, in.read(text, Values.UTF8));
        }
    }

    @Override
    public void write(byte[] b, Map<String, Object> out, UnaryOperator<String> refs) {
        if (b == null) {
            return;
        }
        String t = binary ? null : readable(b);
        if (t != null) {
            out.put(text, t);
            return;
        }
        Object encoded = Values.BASE64.write(b);
        if (encoded != null) {
            out.put(base64, encoded);
        }
    }
}
