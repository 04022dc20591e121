package io.filterplayground.app.cli;

import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.report.Expectations;
import io.filterplayground.engine.report.JUnitReport;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code test SCENARIO [--junit FILE]}: runs the scenario and checks its {@code expect} blocks (for
 * CI), optionally writing JUnit XML.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Run a scenario and check its expect blocks.")
public final class TestCommand extends HeadlessCommand {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description =
                    "Also write the results as JUnit XML (one test case per request or"
                            + " connection), for CI systems to show.")
    Path junit;

    @Mixin WatchOptions watch = new WatchOptions();

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        if (watch.watch) {
            return watch.loop(scenario, out, err).run(s -> check(s, out).result());
        }
        watch.steps();
        return check(Inputs.scenario(scenario), out).status();
    }

    private record Checked(RunResult result, int status) {}

    /** Runs the scenario, prints each failed expectation and the verdict. */
    private Checked check(Scenario s, PrintWriter out) throws Exception {
        RunResult r =
                ScenarioRunner.run(
                        s,
                        new Playground.Options(common.machine, TraceDetail.FULL),
                        TraceSink.NONE);
        if (junit != null) {
            writeJunit(r);
        }
        List<Expectations.Failure> failures = Expectations.check(r);
        int checked = Expectations.checked(r);
        for (Expectations.Failure f : failures) {
            out.println("FAIL " + f);
        }
        if (failures.isEmpty()) {
            out.println("ok: " + checked + " expectation block(s) passed, " + TextReport.counts(r));
        } else {
            out.println(failures.size() + " failed expectation(s) in " + checked + " block(s)");
        }
        out.flush();
        return new Checked(r, failures.isEmpty() ? Exit.OK : Exit.FAILED);
    }

    private void writeJunit(RunResult r) throws Exception {
        String suite =
                scenario.getFileName() == null ? "scenario" : scenario.getFileName().toString();
        try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
            JUnitReport.write(r, suite, w);
        } catch (IOException e) {
            throw new EngineException(
                    junit + ": cannot write the JUnit report (" + e.getMessage() + ")");
        }
    }
}
