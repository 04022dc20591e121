package io.filterplayground.app.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Validates a configuration and produces what the filter receives: JSON and text as written, YAML
 * converted to JSON (the scenario file's rule). A JSON problem is a warning, because the filter may
 * read any bytes; a YAML problem is an error, because there is nothing to convert.
 */
public final class ConfigCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The outcome: the bytes to send (null when they cannot be made) and a message or "". */
    public record Result(String payload, String message, boolean error) {
        public boolean ok() {
            return message.isEmpty();
        }
    }

    private ConfigCheck() {}

    public static Result check(ConfigSyntax syntax, String text) {
        String t = text == null ? "" : text;
        switch (syntax) {
            case JSON:
                if (t.isBlank()) {
                    return new Result("", "", false);
                }
                try {
                    JSON.readTree(t);
                    return new Result(t, "", false);
                } catch (JsonProcessingException e) {
                    return new Result(t, "Not valid JSON" + where(e) + ": " + reason(e), false);
                }
            case YAML:
                if (t.isBlank()) {
                    return new Result("", "", false);
                }
                try {
                    JsonNode n = YAML.readTree(t);
                    String json = n == null || n.isMissingNode() ? "" : JSON.writeValueAsString(n);
                    if (n != null && n.isTextual()) {
                        json = n.asText();
                    }
                    return new Result(json, "", false);
                } catch (JsonProcessingException e) {
                    return new Result(null, "Not valid YAML" + where(e) + ": " + reason(e), true);
                }
            default:
                return new Result(t, "", false);
        }
    }

    /** Re-indents JSON text; returns it unchanged when it does not parse. */
    public static String prettyJson(String text) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** JSON text as YAML (for switching an editor to YAML); unchanged when it does not parse. */
    public static String jsonToYaml(String text) {
        try {
            String y = YAML.writeValueAsString(JSON.readTree(text));
            return y.startsWith("---\n") ? y.substring(4) : y;
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line "
                        + e.getLocation().getLineNr()
                        + ", column "
                        + e.getLocation().getColumnNr()
                        + ")";
    }

    private static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
