package io.filterplayground.app.cli;

import io.filterplayground.app.workspace.ScenarioFiles;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.PlaceholderFilterSpec;
import io.filterplayground.engine.scenario.envoy.EnvoyImport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE [-o SCENARIO]}: Envoy or Istio configuration as a scenario. What could not be
 * carried over is listed, one line each, at the top of the scenario (and on stderr with {@code
 * -o}).
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Read an Envoy v3 bootstrap, listener or HTTP connection manager (YAML or JSON), or Istio"
                    + " WasmPlugin and EnvoyFilter resources, as a scenario.",
            "Filters the playground cannot run are kept as placeholders (placeholder:) that export"
                    + " gives back, each listed with its name and type."
        })
public final class ImportCommand extends HeadlessCommand {
    @Parameters(paramLabel = "FILE", description = "Envoy or Istio configuration.")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "SCENARIO",
            description =
                    "Write the scenario here (module paths relative to it, inline modules beside"
                            + " it); without it the scenario is printed.")
    Path output;

    @Option(
            names = "--module-dir",
            paramLabel = "DIR",
            description =
                    "Where modules named by a path that is not on this machine are found by file"
                            + " name (they are also looked for next to FILE and in its wasm/).")
    Path moduleDir;

    @Option(
            names = "--real-clusters",
            description = "Send to the clusters' own addresses instead of mocks.")
    boolean realClusters;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        EnvoyImport.Imported imp =
                EnvoyImport.read(
                        file, new EnvoyImport.Options(moduleDir, realClusters, Inputs.schemes()));
        boolean inline = ModuleSource.allOf(imp.scenario()).stream().anyMatch(ModuleSource::inline);
        if (output == null) {
            if (inline) {
                err.println(
                        "filter-playground: "
                                + file
                                + ": it holds modules inline; give -o SCENARIO to write them"
                                + " beside the scenario");
                return Exit.BAD_INPUT;
            }
            out.print(imp.yaml());
            return Exit.OK;
        }
        Path dir = file.toAbsolutePath().getParent();
        ScenarioFiles.save(imp.scenario(), dir, output);
        Files.writeString(
                output,
                imp.header() + Files.readString(output, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        long placeholders =
                imp.scenario().allFilters().stream()
                        .filter(f -> f instanceof PlaceholderFilterSpec)
                        .count();
        out.println(
                "Imported "
                        + imp.scenario().allFilters().size()
                        + " filter(s) into "
                        + output
                        + (placeholders == 0
                                ? ""
                                : " (" + placeholders + " kept as placeholders, not run)"));
        imp.notes().forEach(n -> err.println("note: " + n));
        return Exit.OK;
    }
}
