package io.filterplayground.engine.scenario.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link Scenario} back as YAML, so that {@link ScenarioLoader} reads the same scenario
 * again. Fields left at their defaults are omitted; module and Lua file references go through a
 * mapper (the GUI rewrites paths relative to the new file's folder). A module that came inline in
 * an imported Envoy configuration ({@link ModuleSource#INLINE}{@code NAME}) is written next to the
 * scenario as {@code NAME}.
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
        return yaml(toMap(s, refs));
    }

    /**
     * The scenario as the maps and lists of its file, each reference passed through {@code refs}.
     */
    public static Map<String, Object> toMap(Scenario s, UnaryOperator<String> refs) {
        return ScenarioSections.TOP.toMap(s, refs);
    }

    /** Maps and lists of a scenario file as YAML text. */
    public static String yaml(Object fileTree) {
        try {
            return YAML.writeValueAsString(fileTree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario as YAML", e);
        }
    }

    /**
     * Writes the YAML to {@code file} (UTF-8), replacing it, and each inline module beside it
     * (refused if a different file of that name is there).
     */
    public static void write(Scenario s, Path file, UnaryOperator<String> refs) {
        Path dir = file.toAbsolutePath().getParent();
        for (ModuleSource m : ModuleSource.allOf(s)) {
            if (m.inline()) {
                writeModule(m, dir.resolve(m.name()));
            }
        }
        UnaryOperator<String> all =
                ref -> ModuleSource.isInline(ref) ? ModuleSource.inlineName(ref) : refs.apply(ref);
        try {
            Files.writeString(file, toYaml(s, all), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static void writeModule(ModuleSource m, Path to) {
        try {
            if (Files.exists(to) && !Arrays.equals(Files.readAllBytes(to), m.bytes())) {
                throw new ScenarioException(
                        to
                                + ": another file of that name is there; the inline module "
                                + m.name()
                                + " was not written over it");
            }
            Files.write(to, m.bytes());
        } catch (IOException e) {
            throw cannotWrite(to, e);
        }
    }

    private static ScenarioException cannotWrite(Path file, IOException e) {
        String why =
                e instanceof NoSuchFileException
                        ? "its folder does not exist"
                        : e instanceof AccessDeniedException
                                ? "permission denied"
                                : String.valueOf(e.getMessage());
        return new ScenarioException(file + ": cannot write the file (" + why + ")");
    }
}
