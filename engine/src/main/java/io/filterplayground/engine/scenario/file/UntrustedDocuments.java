package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses YAML or JSON from untrusted files with limits on size, nesting and aliases, so a hostile
 * document fails with one parser message instead of exhausting memory or the stack. Jackson reads a
 * YAML alias ({@code *name}) as the plain text of its name, which would silently change a value and
 * is how "billion laughs" documents are written: aliases are refused.
 */
public final class UntrustedDocuments {
    /** Code points, as SnakeYAML counts them (the file cap bounds bytes). */
    static final int MAX_CHARS = (int) BoundedFiles.MAX_SCENARIO_BYTES;

    /** Far deeper than any scenario, far shallower than the stack. */
    static final int MAX_NESTING = 200;

    private static final StreamReadConstraints CONSTRAINTS =
            StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxDocumentLength(MAX_CHARS)
                    .maxStringLength(MAX_CHARS)
                    .build();

    private static final YAMLFactory YAML_FACTORY = yamlFactory();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY);
    private static final ObjectMapper JSON =
            new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());

    private UntrustedDocuments() {}

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(CONSTRAINTS)
                .build();
    }

    /** The document: JSON when it starts with {@code {}, YAML otherwise. */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        if (text.stripLeading().startsWith("{")) {
            return JSON.readTree(text);
        }
        refuseAliases(text);
        return YAML.readTree(text);
    }

    private static void refuseAliases(String text) throws JsonProcessingException {
        try (JsonParser p = YAML_FACTORY.createParser(text)) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new JsonParseException(
                            p,
                            "YAML aliases (*"
                                    + p.getText()
                                    + ") are not supported: write the value out");
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new JsonParseException(null, e.getMessage()); // a String has no I/O to fail
        }
    }
}
