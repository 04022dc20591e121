package io.filterplayground.app.editor;

/**
 * How an editor reads its text. JSON and plain text reach the filter as written; YAML is converted
 * to JSON first, as the scenario file does with a YAML value; LUA is a Lua filter's script.
 */
public enum ConfigSyntax {
    JSON("JSON"),
    YAML("YAML"),
    TEXT("Text"),
    /** A Lua script (a Lua filter's code): coloured, sent as written. */
    LUA("Lua");

    /** What a configuration editor offers to choose from. */
    public static final java.util.List<ConfigSyntax> CONFIG = java.util.List.of(JSON, YAML, TEXT);

    /** What a map editor (a native filter's config, a Lua filter's metadata) offers. */
    public static final java.util.List<ConfigSyntax> MAP = java.util.List.of(YAML, JSON);

    private final String label;

    ConfigSyntax(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** JSON when the text is empty or looks like a JSON object or array, else plain text. */
    public static ConfigSyntax guess(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() || t.startsWith("{") || t.startsWith("[") ? JSON : TEXT;
    }
}
