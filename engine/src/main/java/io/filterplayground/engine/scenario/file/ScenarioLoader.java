package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a scenario file (YAML or JSON, as the README's "Scenario files" describes) and validates
 * every field. A problem is one {@link ScenarioException} whose message names the file, the field
 * path and what is wrong, e.g. {@code demo.yaml: filters[1].failurePolicy: unknown failure policy
 * 'x' (...)}.
 */
public final class ScenarioLoader {
    private ScenarioLoader() {}

    /** Loads a scenario file; module and Lua paths are relative to it. */
    public static Scenario load(Path file) {
        return load(file, Map.of());
    }

    /** As {@link #load(Path)}, with extra reference schemes (e.g. {@code sample:}). */
    public static Scenario load(Path file, Map<String, ResourceResolver> schemes) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_SCENARIO_BYTES);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file + ": the file is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        ResourceResolver files = Resolvers.files(dir == null ? Path.of(".") : dir);
        return parse(text, name, Resolvers.withSchemes(files, schemes));
    }

    /** Parses scenario text; {@code source} names it in messages. */
    public static Scenario parse(String text, String source, ResourceResolver resolver) {
        Reading reading = new Reading(source, resolver);
        JsonNode root = tree(text, source);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScenarioException(source + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new ScenarioException(source + ": the top level must be a map of fields");
        }
        Fields top = new Fields(root, "", reading);
        Scenario s = ScenarioSections.build(source, ScenarioSections.TOP.readMap(top));
        ScenarioRules.check(s, top);
        return s;
    }

    private static JsonNode tree(String text, String source) {
        try {
            return UntrustedDocuments.readTree(text);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " (line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr()
                                    + ")";
            throw new ScenarioException(
                    source
                            + ": not valid YAML or JSON"
                            + where
                            + ": "
                            + oneLine(e.getOriginalMessage()));
        }
    }

    /** Parser messages span several lines with excerpts; keep the sentences, in one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()
                    || t.equals("^")
                    || line.startsWith(" ")
                    || t.startsWith("in 'reader'")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; ").append(t);
        }
        return sb.length() == 0 ? message.strip() : sb.toString();
    }
}
