package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link Scenario} back as YAML, so that {@link ScenarioLoader} reads the same scenario
 * again. Fields left at their defaults are omitted; module and Lua file references go through a
 * mapper (the GUI rewrites paths relative to the new file's folder).
 */
public final class ScenarioWriter {
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .build());

    private ScenarioWriter() {}

    /** The scenario as YAML, references as they are. */
    public static String toYaml(Scenario s) {
        return toYaml(s, UnaryOperator.identity());
    }

    /** The scenario as YAML, each module / Lua file reference passed through {@code refs}. */
    public static String toYaml(Scenario s, UnaryOperator<String> refs) {
        try {
            return YAML.writeValueAsString(ScenarioSections.TOP.toMap(s, refs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario as YAML", e);
        }
    }

    /** Writes the YAML to {@code file} (UTF-8), replacing it. */
    public static void write(Scenario s, Path file, UnaryOperator<String> refs) {
        try {
            Files.writeString(file, toYaml(s, refs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why =
                    e instanceof NoSuchFileException
                            ? "its folder does not exist"
                            : e instanceof AccessDeniedException
                                    ? "permission denied"
                                    : String.valueOf(e.getMessage());
            throw new ScenarioException(file + ": cannot write the file (" + why + ")");
        }
    }
}
