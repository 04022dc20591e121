package io.filterplayground.app.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.report.RunResultJson;
import io.filterplayground.engine.report.change.RunChanges;
import io.filterplayground.engine.report.change.RunDiff;
import io.filterplayground.engine.report.change.Thresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * The last runs of a watch session, each kept as its {@code run --json} result (what the comparison
 * reads), and the baseline a run is compared with: the run pinned by the user, or else the run
 * before it. Older runs go once there are more than {@code keep}; a pinned run stays.
 */
public final class RunHistory {
    /** One run: its number in the session, why it ran ({@code filter.wasm changed}). */
    public record Run(int number, String cause, JsonNode result) {
        public String label() {
            return "Run " + number + " · " + cause;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    private final int keep;
    private final List<Run> runs = new ArrayList<>();
    private Run pinned;
    private int count;

    public RunHistory(int keep) {
        this.keep = Math.max(2, keep);
    }

    public synchronized Run add(String cause, RunResult result) {
        Run r = new Run(++count, cause, RunResultJson.of(result));
        runs.add(r);
        while (runs.size() > keep) {
            runs.remove(runs.get(0) == pinned ? 1 : 0);
        }
        return r;
    }

    /** Forgets every run and the pin; numbering starts again. */
    public synchronized void clear() {
        runs.clear();
        pinned = null;
        count = 0;
    }

    public synchronized List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The run {@code run} is compared with, or null for the first. */
    public synchronized Run baselineOf(Run run) {
        if (pinned != null && pinned != run) {
            return pinned;
        }
        int i = runs.indexOf(run);
        return i > 0 ? runs.get(i - 1) : null;
    }

    /** What changed from {@code run}'s baseline to it (nothing for the first run). */
    public RunChanges changesOf(Run run) {
        Run base = baselineOf(run);
        return base == null
                ? new RunChanges(List.of())
                : RunDiff.compare(base.result(), run.result(), Thresholds.DEFAULT);
    }

    /** Every later run is compared with {@code run} (null: each with the one before). */
    public synchronized void pin(Run run) {
        pinned = run;
    }

    public synchronized Run pinned() {
        return pinned;
    }
}
