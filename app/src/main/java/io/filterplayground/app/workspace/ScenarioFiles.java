package io.filterplayground.app.workspace;

import io.filterplayground.app.cli.Inputs;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.envoy.EnvoyImport;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.scenario.source.Resolvers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Opens and saves scenario files, and loads the built-in demo from the classpath. */
public final class ScenarioFiles {
    static final String DEMO_FOLDER = "io/filterplayground/samples/demo/";

    private ScenarioFiles() {}

    /** The demo the window opens on (sample-modules/demo/scenario.yaml). */
    public static Scenario demo() {
        ClassLoader loader = ScenarioFiles.class.getClassLoader();
        String text;
        try (java.io.InputStream in = loader.getResourceAsStream(DEMO_FOLDER + "scenario.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario is missing from the jar");
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ScenarioLoader.parse(
                text,
                "demo",
                Resolvers.withSchemes(Resolvers.classpath(DEMO_FOLDER, loader), Inputs.schemes()));
    }

    public static Scenario open(Path file) {
        return Inputs.scenario(file);
    }

    /**
     * A file opened: a scenario as it is, or Envoy / Istio configuration imported ({@code notes}
     * say what was not carried over).
     */
    public record Opened(Scenario scenario, List<String> notes, boolean imported) {}

    /** Opens a scenario file, or imports Envoy or Istio configuration. */
    public static Opened read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            text = ""; // the scenario loader says what is wrong with the file
        }
        if (EnvoyImport.recognizes(text)) {
            EnvoyImport.Imported i =
                    EnvoyImport.read(file, new EnvoyImport.Options(null, false, Inputs.schemes()));
            return new Opened(i.scenario(), i.notes(), true);
        }
        return new Opened(open(file), List.of(), false);
    }

    /** Where an imported file's scenario is saved by default: beside it, never over it. */
    static Path scenarioFor(Path imported) {
        String name = imported.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return imported.resolveSibling(name + "-scenario.yaml");
    }

    /**
     * Writes the scenario as YAML to {@code file}. Module paths written relative to the folder the
     * scenario came from ({@code from}, null for none) are rewritten relative to the new folder;
     * {@code sample:} references and absolute paths of loaded modules are made relative too when
     * they can be.
     */
    public static void save(Scenario scenario, Path from, Path file) {
        ScenarioWriter.write(scenario, file, refs(from, file.toAbsolutePath().getParent()));
    }

    static UnaryOperator<String> refs(Path fromDir, Path toDir) {
        return ref -> {
            int colon = ref.indexOf(':');
            if (colon > 1) {
                return ref; // a scheme such as sample:
            }
            Path p = Path.of(ref);
            if (!p.isAbsolute()) {
                if (fromDir == null) {
                    return ref;
                }
                p = fromDir.resolve(p);
            }
            p = p.toAbsolutePath().normalize();
            try {
                return toDir.relativize(p).toString().replace('\\', '/');
            } catch (IllegalArgumentException e) {
                return p.toString(); // another drive: keep it absolute
            }
        };
    }
}
