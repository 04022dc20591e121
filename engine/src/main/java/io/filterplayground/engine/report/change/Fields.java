package io.filterplayground.engine.report.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the fields of a {@code run --json} result that the comparison looks at. */
final class Fields {
    /** Longer texts are cut in a change's before and after (the views show the start). */
    static final int MAX_TEXT = 2000;

    private Fields() {}

    /** A text field, or null when absent or JSON null. */
    static String text(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A body: {@code field} as text, or {@code fieldBase64} shown as {@code base64:...}. */
    static String body(JsonNode o, String field) {
        String text = text(o, field);
        if (text != null) {
            return clip(text);
        }
        String b64 = text(o, field + "Base64");
        return b64 == null ? null : clip("base64:" + b64);
    }

    /** {@code [[name, value], ...]} as pairs; absent is empty. */
    static List<String[]> pairs(JsonNode o, String field) {
        List<String[]> out = new ArrayList<>();
        JsonNode a = o == null ? null : o.get(field);
        if (a != null && a.isArray()) {
            for (JsonNode p : a) {
                out.add(new String[] {p.path(0).asText(), p.path(1).asText()});
            }
        }
        return out;
    }

    static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /** {@code yes} / {@code no} for a flag. */
    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
