package io.filterplayground.app.cli;

import io.filterplayground.app.watch.BuildStep;
import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.report.change.Thresholds;
import io.filterplayground.engine.util.FileWatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --watch} and the build steps it runs, shared by {@code run} and {@code test}. */
final class WatchOptions {
    static final long POLL_MILLIS = 150;
    static final long QUIET_MILLIS = 250;

    @Option(
            names = "--watch",
            description =
                    "Keep watching the scenario file, its module files and Lua scripts (and the"
                            + " --build-dir folders): on every change run again and print what"
                            + " changed since the last run. Ctrl+C ends it.")
    boolean watch;

    @Option(
            names = "--build",
            paramLabel = "COMMAND",
            description =
                    "With --watch: a command that builds a module, run by the shell in the"
                            + " matching --build-dir when a file there changes; the module is"
                            + " reloaded when the build succeeds. Repeatable, paired with"
                            + " --build-dir in order.")
    List<String> builds = new ArrayList<>();

    @Option(
            names = "--build-dir",
            paramLabel = "DIR",
            description = "The source folder a --build command watches and runs in.")
    List<Path> buildDirs = new ArrayList<>();

    @Option(
            names = "--ignore-timing",
            description =
                    "Do not count a filter's time as a change (it is by default beyond"
                            + " 5 times and 50 ms).")
    boolean ignoreTiming;

    /** The watch loop on {@code scenario}, its change report on {@code changes}. */
    WatchLoop loop(Path scenario, PrintWriter changes, PrintWriter err) {
        return new WatchLoop(
                scenario,
                steps(),
                ignoreTiming ? Thresholds.IGNORE : Thresholds.DEFAULT,
                new FileWatch(POLL_MILLIS, QUIET_MILLIS),
                changes,
                err);
    }

    /** The build steps, checked: one folder per command, each folder there. */
    List<BuildStep> steps() {
        if (builds.size() != buildDirs.size()) {
            throw new EngineException(
                    "--build and --build-dir come in pairs: "
                            + builds.size()
                            + " command(s), "
                            + buildDirs.size()
                            + " folder(s)");
        }
        if (!builds.isEmpty() && !watch) {
            throw new EngineException("--build runs on changes: use it with --watch");
        }
        List<BuildStep> out = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            try {
                out.add(new BuildStep(builds.get(i), buildDirs.get(i)).checked());
            } catch (IllegalArgumentException e) {
                throw new EngineException("--build-dir " + e.getMessage());
            }
        }
        return out;
    }
}
