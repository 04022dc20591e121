package io.filterplayground.app.editor;

/**
 * How a configuration editor reads its text. JSON and plain text reach the filter as written; YAML
 * is converted to JSON first, as the scenario file does with a YAML value.
 */
public enum ConfigSyntax {
    JSON("JSON"),
    YAML("YAML"),
    TEXT("Text");

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
