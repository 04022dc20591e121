package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy and Istio configuration brought into the playground: an Envoy v3 bootstrap, listener or
 * HTTP connection manager (YAML or JSON), or Istio {@code WasmPlugin} and {@code EnvoyFilter}
 * resources (several YAML documents). The result is a scenario in the file format, read back
 * through the scenario loader, and the lines that say what could not be carried over; a filter the
 * playground cannot run stays in the chain as a placeholder, so export gives it back.
 */
public final class EnvoyImport {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * @param moduleDir where modules named by a path not on this machine are looked for by name
     *     (null: only next to the file)
     * @param realClusters clusters send to their endpoints' addresses instead of mocks
     * @param schemes extra reference schemes for the scenario loader ({@code sample:})
     */
    public record Options(
            Path moduleDir, boolean realClusters, Map<String, ResourceResolver> schemes) {
        public static Options defaults() {
            return new Options(null, false, Map.of());
        }
    }

    /**
     * @param header comment lines: where it came from, and each note
     * @param body the scenario file's YAML
     * @param notes what was not carried over, one line each
     */
    public record Imported(Scenario scenario, String header, String body, List<String> notes) {
        /** The scenario file, with the notes as comments at its top. */
        public String yaml() {
            return header + body;
        }
    }

    private EnvoyImport() {}

    /** Whether {@code text} is Envoy or Istio configuration rather than a scenario file. */
    public static boolean recognizes(String text) {
        try {
            for (JsonNode doc : documents(text, "")) {
                if (EnvoyReader.recognizes(doc) || IstioReader.recognizes(doc)) {
                    return true;
                }
            }
        } catch (ScenarioException e) {
            return false;
        }
        return false;
    }

    /** Imports the file; modules and scripts are found relative to it. */
    public static Imported read(Path file, Options options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return parse(text, name, dir == null ? Path.of(".") : dir, options);
    }

    /** Imports {@code text}; {@code source} names it, {@code baseDir} is where its paths start. */
    public static Imported parse(String text, String source, Path baseDir, Options options) {
        ImportDraft d = new ImportDraft(options, baseDir);
        IstioReader istio = new IstioReader(d);
        boolean any = false;
        for (JsonNode doc : documents(text, source)) {
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            if (IstioReader.recognizes(doc)) {
                istio.read(doc);
            } else if (EnvoyReader.recognizes(doc)) {
                new EnvoyReader(d).read(doc);
            } else {
                throw new ScenarioException(
                        source
                                + ": not an Envoy bootstrap, listener or HTTP connection manager,"
                                + " nor an Istio WasmPlugin or EnvoyFilter");
            }
            any = true;
        }
        if (!any) {
            throw new ScenarioException(source + ": the file is empty");
        }
        istio.finish();
        String body = ScenarioWriter.yaml(ScenarioTree.of(d));
        String header = header(source, d.notes);
        Map<String, ResourceResolver> schemes = new HashMap<>(options.schemes());
        schemes.put(
                "inline",
                ref -> {
                    byte[] b = d.inline.get(ref);
                    if (b == null) {
                        throw new IOException("no inline module " + ref);
                    }
                    return b;
                });
        Scenario s =
                ScenarioLoader.parse(
                        header + body,
                        source,
                        Resolvers.withSchemes(Resolvers.files(baseDir), schemes));
        return new Imported(s, header, body, List.copyOf(d.notes));
    }

    private static String header(String source, List<String> notes) {
        StringBuilder b =
                new StringBuilder("# Imported by filter-playground from " + source + ".\n");
        for (String n : notes) {
            b.append("# NOTE: ").append(n).append('\n');
        }
        return b.toString();
    }

    private static List<JsonNode> documents(String text, String source) {
        try {
            if (text.stripLeading().startsWith("{")) {
                return List.of(ImportDraft.JSON.readTree(text));
            }
            return new ArrayList<>(
                    YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll());
        } catch (IOException e) {
            String msg =
                    e instanceof JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage();
            throw new ScenarioException(source + ": not valid YAML or JSON: " + msg);
        }
    }
}
