package io.filterplayground.app.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Validates a configuration and produces what the filter receives: JSON and text as written, YAML
 * converted to JSON (the scenario file's rule). A JSON problem is a warning, because the filter may
 * read any bytes; a YAML problem is an error, because there is nothing to convert.
 */
public final class ConfigCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Writes YAML the way people write it: no document marker, quotes only where needed. */
    private static final ObjectMapper YAML_OUT =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .build());

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

    /**
     * Checks a map-valued editor (a native filter's config, a Lua filter's metadata): the text must
     * be a JSON object or a YAML mapping (blank is an empty map). Any problem is an error, because
     * the engine needs the map itself; the payload is the map as JSON.
     */
    public static Result checkMap(ConfigSyntax syntax, String text) {
        String t = text == null ? "" : text;
        if (t.isBlank()) {
            return new Result("{}", "", false);
        }
        ObjectMapper reader = syntax == ConfigSyntax.YAML ? YAML : JSON;
        String what = syntax == ConfigSyntax.YAML ? "YAML" : "JSON";
        try {
            JsonNode n = reader.readTree(t);
            if (n == null || n.isMissingNode() || n.isNull()) {
                return new Result("{}", "", false);
            }
            if (!n.isObject()) {
                return new Result(
                        null,
                        "Must be a map of key: value ("
                                + (syntax == ConfigSyntax.YAML ? "a YAML mapping" : "a JSON object")
                                + ")",
                        true);
            }
            return new Result(JSON.writeValueAsString(n), "", false);
        } catch (JsonProcessingException e) {
            return new Result(null, "Not valid " + what + where(e) + ": " + reason(e), true);
        }
    }

    /** The payload of {@link #checkMap} as an ordered map (null when it is not one). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, java.util.LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A map as YAML text for an editor ("" for an empty map). */
    public static String mapToYaml(java.util.Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        try {
            return YAML_OUT.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /**
     * YAML text as pretty JSON (for switching an editor to JSON); unchanged when it does not parse.
     */
    public static String yamlToJson(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || n.isMissingNode()) {
                return text;
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return text;
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
            return YAML_OUT.writeValueAsString(JSON.readTree(text));
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
