package io.filterplayground.app.cli;

import io.filterplayground.app.watch.BuildStep;
import io.filterplayground.engine.ModuleVersions;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.report.change.RunChanges;
import io.filterplayground.engine.report.change.RunDiff;
import io.filterplayground.engine.report.change.Thresholds;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.WatchedFiles;
import io.filterplayground.engine.util.FileWatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code run --watch} and {@code test --watch}: runs the scenario, then again on every change of
 * its files, and prints what changed since the last good run. A build step runs first when its
 * source folder changed (its new module is then the change that reloads). A scenario that no longer
 * loads, or a module that no longer starts, is said in one line and the last good version stays the
 * one the next run is compared with.
 */
final class WatchLoop {
    /** Runs a scenario once and prints its results the command's way. */
    @FunctionalInterface
    interface Runner {
        RunResult run(Scenario s) throws Exception;
    }

    private final Path file;
    private final List<BuildStep> builds;
    private final Thresholds thresholds;
    private final FileWatch watch;
    private final PrintWriter changes;
    private final PrintWriter err;

    /** {@code changes}: where the change report goes (stderr when stdout holds JSON). */
    WatchLoop(
            Path file,
            List<BuildStep> builds,
            Thresholds thresholds,
            FileWatch watch,
            PrintWriter changes,
            PrintWriter err) {
        this.file = file;
        this.builds = builds;
        this.thresholds = thresholds;
        this.watch = watch;
        this.changes = changes;
        this.err = err;
    }

    /** Runs until interrupted (Ctrl+C ends the process); the first load's problems are thrown. */
    int run(Runner runner) throws Exception {
        Scenario current = Inputs.scenario(file);
        // Watched before the run, so a save during it is a change.
        watch.watch(paths(current));
        RunResult last = runner.run(current);
        err.println(
                "watching "
                        + watch.watched().size()
                        + " file(s) and folder(s); edit, rebuild or save to run again (Ctrl+C"
                        + " ends)");
        err.flush();
        while (true) {
            Set<Path> changed;
            try {
                changed = watch.awaitChange();
            } catch (InterruptedException e) {
                return Exit.OK;
            }
            err.println("changed: " + FileWatch.names(changed));
            if (build(changed)) {
                continue; // only sources changed: the built module is the change that reloads
            }
            Scenario next;
            RunResult r;
            try {
                next = Inputs.scenario(file);
                watch.watch(paths(next));
                r = runner.run(next);
            } catch (InterruptedException e) {
                return Exit.OK;
            } catch (EngineException e) {
                keepLastGood(e);
                continue;
            }
            RunChanges c = RunDiff.compare(last, r, thresholds);
            ChangeReport.print(c, changes);
            ModuleVersions.forgetSuperseded(current, next);
            current = next;
            last = r;
        }
    }

    /** Runs the builds whose folders changed; true when nothing but their sources changed. */
    private boolean build(Set<Path> changed) throws InterruptedException {
        List<BuildStep> due = BuildStep.covering(builds, changed);
        for (BuildStep b : due) {
            err.println("building in " + b.folder() + ": " + b.command());
            err.flush();
            BuildStep.Outcome o = b.run(line -> err.println("  | " + line));
            err.println(
                    o.ok()
                            ? "build succeeded (" + o.millis() + " ms)"
                            : "build failed (exit status "
                                    + o.exitStatus()
                                    + "): the last good module keeps running");
            err.flush();
        }
        return !due.isEmpty()
                && changed.stream().allMatch(p -> due.stream().anyMatch(b -> b.covers(p)));
    }

    private void keepLastGood(EngineException e) {
        err.println("filter-playground: " + e.getMessage());
        if (e instanceof FilterStartException s) {
            s.details().forEach(line -> err.println("  " + line));
        }
        err.println("the last good version stays the one compared with; fix it and save again");
        err.flush();
    }

    private List<Path> paths(Scenario s) {
        List<Path> out = new ArrayList<>(WatchedFiles.of(file, s));
        builds.forEach(b -> out.add(b.folder()));
        return out;
    }
}
