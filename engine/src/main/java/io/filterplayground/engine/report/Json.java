package io.filterplayground.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.Utf8;
import java.util.Base64;
import java.util.Map;

/** Small JSON helpers shared by the run report and the trace export. */
public final class Json {
    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    /** {@code [[name, value], ...]}. */
    public static ArrayNode headers(Headers h) {
        ArrayNode a = F.arrayNode();
        for (Header x : h) {
            a.add(F.arrayNode().add(x.name()).add(x.value()));
        }
        return a;
    }

    /** Puts {@code field} as UTF-8 text, or {@code fieldBase64} when the bytes are not UTF-8. */
    public static void body(ObjectNode o, String field, byte[] bytes) {
        String text = Utf8.orNull(bytes);
        if (text != null) {
            o.put(field, text);
        } else {
            o.put(field + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    static void putAll(ObjectNode o, String field, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        o.set(field, MAPPER.valueToTree(values));
    }
}
