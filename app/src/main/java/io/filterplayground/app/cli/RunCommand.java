package io.filterplayground.app.cli;

import io.filterplayground.app.workspace.ScenarioFiles;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.report.ObservedExpectations;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run SCENARIO [--json] [--write-test FILE]}: fires the scenario's requests and prints what
 * happened; {@code --write-test} keeps the run as a scenario whose expect blocks it passes.
 */
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
            names = "--write-test",
            paramLabel = "FILE",
            description =
                    "Also write the scenario to FILE with expect: blocks taken from this run (what"
                            + " each request got), a regression test for the test command.")
    Path writeTest;

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
        if (writeTest != null) {
            Scenario recorded = ObservedExpectations.record(r);
            Path dir = scenario.toAbsolutePath().getParent();
            ScenarioFiles.save(recorded, dir, writeTest);
            // On stderr, so that --json output stays one document.
            err.println(
                    "wrote "
                            + writeTest
                            + ": "
                            + recorded.steps().stream()
                                    .filter(
                                            st ->
                                                    st instanceof Step.Send send
                                                            && send.request().expect() != null)
                                    .count()
                            + " request(s) with expect: blocks from this run; check a change"
                            + " with: test "
                            + writeTest);
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
