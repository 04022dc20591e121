package io.filterplayground.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.report.Json;
import io.filterplayground.engine.report.change.RunChanges;
import io.filterplayground.engine.report.change.RunChangesJson;
import io.filterplayground.engine.report.change.RunDiff;
import io.filterplayground.engine.report.change.Thresholds;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code diff A.json B.json}: compares two saved {@code run --json} results with the rules the
 * watch mode uses, so CI can hold a run against a stored one. Exit 0 when they match, 1 when they
 * differ, 2 for bad input.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description =
                "Compare two saved run --json results: what changed per request and connection."
                        + " Exit 0 when they match, 1 when they differ.")
public final class DiffCommand extends HeadlessCommand {
    /** A run result of many thousand requests is large, but not without bound. */
    private static final long MAX_RESULT_BYTES = 1L << 30;

    @Parameters(index = "0", paramLabel = "A.json", description = "The earlier run (run --json).")
    Path before;

    @Parameters(index = "1", paramLabel = "B.json", description = "The later run (run --json).")
    Path after;

    @Option(names = "--json", description = "Print the changes as JSON.")
    boolean json;

    @Option(
            names = "--ignore-timing",
            description =
                    "Do not count a filter's time as a change (it is by default beyond 5 times"
                            + " and 50 ms), e.g. for runs from different machines.")
    boolean ignoreTiming;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        RunChanges changes =
                RunDiff.compare(
                        read(before),
                        read(after),
                        ignoreTiming ? Thresholds.IGNORE : Thresholds.DEFAULT);
        if (json) {
            Json.MAPPER.writeValue(out, RunChangesJson.of(changes));
            out.println();
        } else {
            ChangeReport.print(changes, out);
        }
        return changes.identical() ? Exit.OK : Exit.FAILED;
    }

    private static JsonNode read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(BoundedFiles.read(file, MAX_RESULT_BYTES));
        } catch (NoSuchFileException e) {
            throw new EngineException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new EngineException(
                    file + ": not JSON (" + e.getOriginalMessage() + "); give a run --json result");
        } catch (IOException e) {
            throw new EngineException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        if (root == null
                || !root.isObject()
                || !(root.path("requests").isArray() || root.path("connections").isArray())) {
            throw new EngineException(
                    file + ": not a run --json result (no requests or connections list)");
        }
        return root;
    }
}
