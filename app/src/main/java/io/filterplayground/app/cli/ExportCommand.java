package io.filterplayground.app.cli;

import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export SCENARIO --format envoy|istio|compose}: the chain as Envoy or Istio configuration,
 * or (compose, with {@code -o DIR}) all that running it in real Envoy with Docker needs.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Print the chain as an Envoy bootstrap or Istio WasmPlugin resources, or write a"
                        + " folder to run it in Envoy with Docker (--format compose -o DIR).")
public final class ExportCommand extends HeadlessCommand {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(
            names = "--format",
            paramLabel = "envoy|istio|compose",
            defaultValue = "envoy",
            description =
                    "envoy (static bootstrap YAML, default), istio (WasmPlugin resources) or"
                            + " compose (envoy.yaml, wasm/ and compose.yaml in -o DIR).")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "The folder --format compose writes.")
    Path output;

    @Option(
            names = "--module-dir",
            defaultValue = "/etc/envoy/wasm",
            description = "Where Envoy will find the .wasm files (default: ${DEFAULT-VALUE}).")
    String moduleDir;

    @Option(
            names = "--image",
            defaultValue = "registry.example.com/filters",
            description = "OCI image prefix for Istio (default: ${DEFAULT-VALUE}).")
    String image;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        Scenario s = Inputs.scenario(scenario);
        switch (format) {
            case "envoy" -> out.print(EnvoyExport.envoy(s, moduleDir));
            case "istio" -> out.print(EnvoyExport.istio(s, image));
            case "compose" -> {
                if (output == null) {
                    err.println("filter-playground: --format compose needs -o DIR");
                    return Exit.BAD_INPUT;
                }
                for (Path p : EnvoyExport.compose(s, output)) {
                    out.println("wrote " + p);
                }
                out.println("Run it: cd " + output + " && docker compose up");
            }
            default -> {
                err.println(
                        "filter-playground: --format: unknown format '"
                                + format
                                + "' (envoy, istio or compose)");
                return Exit.BAD_INPUT;
            }
        }
        return Exit.OK;
    }
}
