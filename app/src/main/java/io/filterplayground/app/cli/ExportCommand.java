package io.filterplayground.app.cli;

import io.filterplayground.engine.report.EnvoyExport;
import io.filterplayground.engine.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export SCENARIO --format envoy|istio}: the chain as Envoy or Istio configuration. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Print the chain as an Envoy bootstrap or Istio WasmPlugin resources.")
public final class ExportCommand extends HeadlessCommand {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(
            names = "--format",
            paramLabel = "envoy|istio",
            defaultValue = "envoy",
            description = "envoy (static bootstrap YAML, default) or istio (WasmPlugin resources).")
    String format;

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
            default -> {
                err.println(
                        "filter-playground: --format: unknown format '"
                                + format
                                + "' (envoy or istio)");
                return Exit.BAD_INPUT;
            }
        }
        return Exit.OK;
    }
}
