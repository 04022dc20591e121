package io.filterplayground.engine.abi.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one name in a trace means, in plain words: {@code what} it is, {@code when} Envoy calls it
 * (or a filter calls it), what its {@code result} means (empty for statuses and actions), the
 * common {@code mistake} around it, and where Envoy or proxy-wasm-cpp-host implements it ({@code
 * envoy}).
 */
public record Explanation(
        String name,
        Kind kind,
        String what,
        String when,
        String result,
        String mistake,
        String envoy) {

    /** Which table of the trace the name belongs to. */
    public enum Kind {
        CALLBACK("callback"),
        HOSTCALL("hostcall"),
        STATUS("status"),
        ACTION("action");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    /** The fields that have text, labelled, in reading order. */
    public List<Map.Entry<String, String>> fields() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        add(out, "What", what);
        add(out, "When", when);
        add(out, "Result", result);
        add(out, "Common mistake", mistake);
        add(out, "In Envoy", envoy);
        return out;
    }

    private static void add(List<Map.Entry<String, String>> out, String label, String text) {
        if (text != null && !text.isBlank()) {
            out.add(Map.entry(label, text));
        }
    }
}
