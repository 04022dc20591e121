package io.filterplayground.app.cli;

import io.filterplayground.app.workspace.ScenarioFiles;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.debug.Breakpoint;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.report.ObservedExpectations;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.trace.StageEvent.Stage;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run SCENARIO [--json] [--write-test FILE] [--break FILTER[:STAGE]]}: fires the scenario's
 * requests (or opens its connections) and prints what happened; {@code --write-test} keeps the run
 * as a scenario whose expect blocks it passes; {@code --break} stops streams before a filter and
 * asks on the console.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Fire a scenario's requests (or open its connections) and print the results.")
public final class RunCommand extends HeadlessCommand {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(
            names = "--json",
            description = "Print the JSON result (the README's \"JSON result\" section).")
    boolean json;

    @Option(
            names = "--write-test",
            paramLabel = "FILE",
            description =
                    "Also write the scenario to FILE with expect: blocks taken from this run (what"
                            + " each request or connection got), a regression test for the test"
                            + " command.")
    Path writeTest;

    @Option(
            names = "--break",
            paramLabel = "FILTER[:STAGE]",
            description =
                    "Stop each stream before FILTER (at STAGE only, e.g. deny:request_headers, or"
                            + " tcp:downstream_data for a network filter) and ask on the console"
                            + " what to do: inspect and edit what the filter is about to see,"
                            + " then continue. Repeatable.")
    List<String> breaks = new ArrayList<>();

    @Option(
            names = "--explain",
            description =
                    "In the readable report, also list each callback's hostcalls (status and"
                            + " hint), then explain every callback, hostcall and result shown: what"
                            + " it is, when Envoy calls it, what its result means, the common"
                            + " mistake.")
    boolean explain;

    @Option(
            names = "--trace",
            paramLabel = "full|callbacks|minimal",
            description = "How much to record (default: ${DEFAULT-VALUE}).",
            defaultValue = "full")
    String trace = "full";

    @Mixin WatchOptions watch = new WatchOptions();

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        if (watch.watch) {
            return watch.loop(scenario, json ? err : out, err).run(s -> once(s, out, err));
        }
        watch.steps();
        once(Inputs.scenario(scenario), out, err);
        return Exit.OK;
    }

    /** Runs the scenario once and prints the report (and writes the test, when asked). */
    private RunResult once(Scenario s, PrintWriter out, PrintWriter err) throws Exception {
        List<Breakpoint> bps = breakpoints(s, breaks);
        BufferedReader console =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        RunResult r =
                ScenarioRunner.run(
                        s,
                        new Playground.Options(common.machine, detail(trace)),
                        TraceSink.NONE,
                        d -> {
                            d.setBreakpoints(bps);
                            // Prompts go to stderr, so that stdout stays the report (or JSON).
                            d.onPause(new ConsoleDebugger(d, console, err));
                        });
        if (json) {
            RunResultJson.write(r, out);
            out.println();
        } else {
            new TextReport(out, common.machine, explain ? Glossary.on() : Glossary.off()).print(r);
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
                            + recordedCounts(recorded)
                            + " with expect: blocks from this run; check a change with: test "
                            + writeTest);
        }
        out.flush();
        return r;
    }

    /** {@code deny} or {@code deny:request_headers}, checked against the scenario's filters. */
    static List<Breakpoint> breakpoints(Scenario s, List<String> specs) {
        List<Breakpoint> out = new ArrayList<>();
        List<String> names = s.allFilters().stream().map(FilterSpec::name).toList();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            String filter = colon < 0 ? spec : spec.substring(0, colon);
            if (!names.contains(filter)) {
                throw new EngineException(
                        "--break "
                                + spec
                                + ": no filter named '"
                                + filter
                                + "' (filters: "
                                + names
                                + ")");
            }
            Stage stage = colon < 0 ? null : Stage.of(spec.substring(colon + 1));
            if (colon >= 0 && stage == null) {
                throw new EngineException(
                        "--break "
                                + spec
                                + ": unknown stage '"
                                + spec.substring(colon + 1)
                                + "' ("
                                + java.util.Arrays.stream(Stage.values())
                                        .map(Stage::wireName)
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ")");
            }
            out.add(new Breakpoint(filter, stage));
        }
        return out;
    }

    static TraceDetail detail(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "callbacks" -> TraceDetail.CALLBACKS;
            case "minimal" -> TraceDetail.MINIMAL;
            default -> TraceDetail.FULL;
        };
    }

    /** What a recorded test holds: its requests, its connections, or both. */
    private static String recordedCounts(Scenario recorded) {
        long requests = recorded.requests().stream().filter(q -> q.expect() != null).count();
        long connections = recorded.connections().stream().filter(c -> c.expect() != null).count();
        if (connections == 0) {
            return requests + " request(s)";
        }
        return requests == 0
                ? connections + " connection(s)"
                : requests + " request(s) and " + connections + " connection(s)";
    }
}
