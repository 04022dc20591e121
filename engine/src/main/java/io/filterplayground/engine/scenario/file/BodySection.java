package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.http.Utf8;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A body, as a request or a mock reply writes it: {@code body} (one text chunk), {@code bodyChunks}
 * (several, each a body callback) or {@code bodyBase64} (bytes). Written back in the same forms:
 * binary as base64, one text chunk as {@code body}, several as {@code bodyChunks}.
 */
final class BodySection implements Section<List<byte[]>>, Slot<List<byte[]>> {
    static final String BODY = "body";
    static final String CHUNKS = "bodyChunks";
    static final String BASE64 = "bodyBase64";

    private final List<String> keys;

    /** The keys in the order the map lists them (mock replies and requests differ). */
    BodySection(String... keys) {
        this.keys = List.of(keys);
    }

    @Override
    public List<byte[]> absent() {
        return List.of();
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public void read(Fields in, Draft into) {
        int given = (in.has(BODY) ? 1 : 0) + (in.has(CHUNKS) ? 1 : 0) + (in.has(BASE64) ? 1 : 0);
        if (given > 1) {
            throw in.error("give only one of body, bodyChunks, bodyBase64");
        }
        byte[] one =
                in.has(BODY)
                        ? in.read(BODY, Values.UTF8)
                        : in.has(BASE64) ? in.read(BASE64, Values.BASE64) : new byte[0];
        List<byte[]> out =
                in.has(CHUNKS)
                        ? in.read(CHUNKS, Values.listOf(Values.UTF8, "must be a list of strings"))
                        : one.length > 0 ? List.of(one) : List.of();
        into.put(this, out);
    }

    @Override
    public void write(List<byte[]> chunks, Map<String, Object> out, UnaryOperator<String> refs) {
        if (chunks.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>();
        for (byte[] c : chunks) {
            String t = Utf8.orNull(c);
            if (t == null) {
                ByteBuffer all = ByteBuffer.allocate(chunks.stream().mapToInt(b -> b.length).sum());
                chunks.forEach(all::put);
                out.put(BASE64, Values.BASE64.write(all.array()));
                return;
            }
            texts.add(t);
        }
        if (texts.size() == 1) {
            out.put(BODY, texts.get(0));
        } else {
            out.put(CHUNKS, texts);
        }
    }
}
