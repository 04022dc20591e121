package io.filterplayground.app.cli;

import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run SCENARIO [--json]}: fires the scenario's requests and prints what happened. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Fire a scenario's requests and print the results.")
public final class RunCommand extends HeadlessCommand {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(names = "--json", description = "Print the JSON result (cli-contract.md).")
    boolean json;

    @Option(
            names = "--trace",
            paramLabel = "full|callbacks|minimal",
            description = "How much to record (default: ${DEFAULT-VALUE}).",
            defaultValue = "full")
    String trace = "full";

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        Scenario s = Inputs.scenario(scenario);
        RunResult r =
                ScenarioRunner.run(
                        s, new Playground.Options(common.machine, detail(trace)), TraceSink.NONE);
        if (json) {
            RunResultJson.write(r, out);
            out.println();
        } else {
            new TextReport(out, common.machine).print(r);
        }
        return Exit.OK;
    }

    static TraceDetail detail(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "callbacks" -> TraceDetail.CALLBACKS;
            case "minimal" -> TraceDetail.MINIMAL;
            default -> TraceDetail.FULL;
        };
    }
}
