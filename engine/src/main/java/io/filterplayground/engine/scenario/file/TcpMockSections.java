package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.upstream.MockTcpSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A cluster's {@code tcp:}, a built-in TCP upstream: {@code echo: true}, or {@code replies:} (text;
 * {@code repliesBase64:} for bytes) answered one per data chunk received, {@code close: true}
 * ending the last with end of stream.
 */
final class TcpMockSections {
    private TcpMockSections() {}

    private static final Key<MockTcpSpec, Boolean> ECHO =
            Key.of("echo", Values.BOOL, MockTcpSpec::echo, false);
    private static final Replies REPLIES = new Replies();
    private static final Key<MockTcpSpec, Boolean> CLOSE =
            Key.of("close", Values.BOOL, MockTcpSpec::close, false);
    private static final Sections<MockTcpSpec> TCP = Sections.of(ECHO, REPLIES, CLOSE);

    static final Value<MockTcpSpec> MOCK =
            Values.map(
                    TCP,
                    d -> new MockTcpSpec(d.get(ECHO), d.get(REPLIES), d.get(CLOSE)),
                    "must be a map (echo, replies, repliesBase64, close)");

    /** The replies, as text when every one is readable, else all as base64. */
    private static final class Replies implements Section<MockTcpSpec>, Slot<List<byte[]>> {
        private static final String TEXT = "replies";
        private static final String BASE64 = "repliesBase64";
        private static final Value<List<byte[]>> TEXT_LIST =
                Values.listOf(Values.UTF8, "must be a list of replies");
        private static final Value<List<byte[]>> BASE64_LIST =
                Values.listOf(Values.BASE64, "must be a list of base64 replies");

        @Override
        public List<byte[]> absent() {
            return List.of();
        }

        @Override
        public List<String> keys() {
            return List.of(TEXT, BASE64);
        }

        @Override
        public void read(Fields in, Draft into) {
            if (in.has(TEXT) && in.has(BASE64)) {
                throw in.error(BASE64, "give replies or repliesBase64, not both");
            }
            if (in.has(ECHO.name()) && in.read(ECHO.name(), Values.BOOL)) {
                for (String k : List.of(TEXT, BASE64, CLOSE.name())) {
                    if (in.has(k)) {
                        throw in.error(
                                k,
                                "an echo sends back what it receives; replies and close are for"
                                        + " an upstream that answers with its own lines");
                    }
                }
            }
            if (in.has(BASE64)) {
                into.put(this, in.read(BASE64, BASE64_LIST));
            } else if (in.has(TEXT)) {
                into.put(this, in.read(TEXT, TEXT_LIST));
            }
        }

        @Override
        public void write(MockTcpSpec m, Map<String, Object> out, UnaryOperator<String> refs) {
            if (m.replies().isEmpty()) {
                return;
            }
            List<String> texts = new ArrayList<>();
            for (byte[] r : m.replies()) {
                String t = BytesSection.readable(r);
                if (t == null) {
                    out.put(
                            BASE64,
                            m.replies().stream()
                                    .map(b -> Base64.getEncoder().encodeToString(b))
                                    .toList());
                    return;
                }
                texts.add(t);
            }
            out.put(TEXT, texts);
        }
    }
}
