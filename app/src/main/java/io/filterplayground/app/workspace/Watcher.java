package io.filterplayground.app.workspace;

import static io.filterplayground.app.modules.ModuleLibraryViewModel.plain;

import io.filterplayground.app.change.ChangeViewModel;
import io.filterplayground.app.watch.BuildStep;
import io.filterplayground.engine.ModuleVersions;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.report.change.RunChanges;
import io.filterplayground.engine.scenario.RequestSpec;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.Step;
import io.filterplayground.engine.scenario.file.WatchedFiles;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.engine.util.FileWatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The window's watch mode: while on, the open scenario file, its module files and Lua scripts (and
 * the build step's source folder) are watched. A change replays the scenario's requests (or the
 * request last sent from the window) on the new version first, headless: when it does not load or
 * start, the message bar says why and the last good version keeps running; when it runs, the window
 * reloads the file (the chain restarts on the new code) and the change view shows what changed. A
 * build step runs first when its folder changed; its command is what the user typed.
 */
final class Watcher implements AutoCloseable {
    private final ChangeViewModel changes;
    private final ScenarioDocument document;
    private final Supplier<RequestSpec> lastSent;
    private final Supplier<Machine> machine;
    private final Messages messages;
    private final Consumer<List<RecordedExchange>> replayed;
    private final Executor ui;
    private final FileWatch files = new FileWatch(150, 250);
    private final ExecutorService work =
            Executors.newSingleThreadExecutor(PlaygroundSession.daemon("watch-replay"));
    private final IntegerProperty reloads = new SimpleIntegerProperty(0);
    private Thread polling;
    private Scenario current;

    Watcher(
            ChangeViewModel changes,
            ScenarioDocument document,
            Supplier<RequestSpec> lastSent,
            Supplier<Machine> machine,
            Messages messages,
            Consumer<List<RecordedExchange>> replayed,
            Executor ui) {
        this.changes = changes;
        this.document = document;
        this.lastSent = lastSent;
        this.machine = machine;
        this.messages = messages;
        this.replayed = replayed;
        this.ui = ui;
        changes.watchingProperty()
                .addListener(
                        (o, was, on) -> {
                            if (on) {
                                start();
                            } else {
                                stop();
                            }
                        });
        // A build folder typed while watching is watched from then on.
        changes.buildFolderProperty().addListener((o, a, b) -> rewatch());
        changes.buildCommandProperty().addListener((o, a, b) -> rewatch());
    }

    private void rewatch() {
        if (polling != null && current != null) {
            files.watch(paths(current));
        }
    }

    /** Counts the reloads that reached the window (the change view comes to the front). */
    IntegerProperty reloadsProperty() {
        return reloads;
    }

    private void start() {
        Path file = document.file();
        if (file == null || document.dirtyProperty().get()) {
            messages.error(
                    file == null
                            ? "Not watching: save the scenario to a file first."
                            : "Not watching: save your edits first (the file is what is watched).");
            changes.watchingProperty().set(false);
            return;
        }
        try {
            // Watched before the first run, so a save during it is a change.
            files.watch(paths(document.build()));
        } catch (IllegalArgumentException e) {
            // the edits do not build: the first run's scenario says what to watch
        }
        replay("watch started", false);
        polling =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Set<Path> changed = files.awaitChange();
                                    ui.execute(() -> changed(changed));
                                }
                            } catch (InterruptedException e) {
                                // watching was switched off
                            }
                        },
                        "watch-files");
        polling.setDaemon(true);
        polling.start();
    }

    private void stop() {
        if (polling != null) {
            polling.interrupt();
            polling = null;
        }
    }

    /** On the UI thread: builds what needs it, then replays the changed scenario. */
    private void changed(Set<Path> changed) {
        if (!changes.watchingProperty().get()) {
            return;
        }
        String cause = FileWatch.names(changed) + " changed";
        BuildStep build = build(true);
        if (build != null && changed.stream().anyMatch(build::covers)) {
            runBuild(build, cause);
            if (changed.stream().allMatch(build::covers)) {
                return; // the module it writes is the change that reloads
            }
        }
        if (document.dirtyProperty().get()) {
            messages.warning(
                    cause
                            + " on disk, but the window has unsaved edits: save them (or reopen the"
                            + " file) to reload.");
            return;
        }
        replay(cause, true);
    }

    /** Runs the new version headless; when it runs, the window reloads and shows the changes. */
    private void replay(String cause, boolean reload) {
        Path file = document.file();
        RequestSpec last = lastSent.get();
        Machine m = machine.get();
        CompletableFuture.supplyAsync(
                        () -> {
                            Scenario s = ScenarioFiles.read(file).scenario();
                            Scenario replayed =
                                    last == null ? s : s.withSteps(List.of(new Step.Send(last)));
                            try {
                                RunResult r =
                                        ScenarioRunner.run(
                                                replayed,
                                                new Playground.Options(m, TraceDetail.FULL),
                                                TraceSink.NONE);
                                return new Replayed(s, r);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new CompletionException(e);
                            }
                        },
                        work)
                .whenCompleteAsync(
                        (done, err) -> {
                            if (err != null) {
                                messages.error(
                                        cause
                                                + ", but the new version does not run: "
                                                + plain(err)
                                                + ". The last good version keeps running.");
                                return;
                            }
                            if (!reload) {
                                changes.record(cause, done.result());
                                current = done.scenario();
                                files.watch(paths(done.scenario()));
                                return;
                            }
                            document.reload(done.scenario())
                                    .thenRunAsync(() -> reloaded(cause, done), ui);
                        },
                        ui);
    }

    private record Replayed(Scenario scenario, RunResult result) {}

    private void reloaded(String cause, Replayed done) {
        RunChanges c = changes.record(cause, done.result());
        ModuleVersions.forgetSuperseded(current, done.scenario());
        current = done.scenario();
        files.watch(paths(done.scenario()));
        replayed.accept(recorded(done));
        messages.info(cause + ": reloaded and replayed; " + c.summary());
        reloads.set(reloads.get() + 1);
    }

    /** The replayed requests and connections, as the window lists what it sent. */
    private static List<RecordedExchange> recorded(Replayed done) {
        ChainShape shape = ChainShape.of(done.result().scenario(), null);
        List<RecordedExchange> out = new ArrayList<>();
        done.result()
                .exchanges()
                .forEach(x -> out.add(new RecordedExchange(x, shape.names(false), shape.styles())));
        done.result()
                .connections()
                .forEach(
                        c ->
                                out.add(
                                        RecordedExchange.of(
                                                c.result(),
                                                shape.names(true),
                                                shape.styles(),
                                                null)));
        return out;
    }

    private void runBuild(BuildStep build, String cause) {
        changes.buildOutputProperty().set("$ " + build.command() + "\n");
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return build.run(line -> ui.execute(() -> output(line)));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new CompletionException(e);
                            }
                        },
                        work)
                .whenCompleteAsync(
                        (o, err) -> {
                            if (err == null && o.ok()) {
                                output("build succeeded (" + o.millis() + " ms)");
                                return;
                            }
                            String status =
                                    o == null ? "" : " (exit status " + o.exitStatus() + ")";
                            output("build failed" + status);
                            messages.error(
                                    cause
                                            + ": the build failed"
                                            + status
                                            + "; see the build output. The last good version"
                                            + " keeps running.");
                        },
                        ui);
    }

    /** A line of the build's output, in the change view's panel. */
    private void output(String line) {
        changes.buildOutputProperty().set(changes.buildOutputProperty().get() + line + "\n");
    }

    /**
     * The build step the user typed, or null (none, or its folder does not exist: said when {@code
     * say}).
     */
    private BuildStep build(boolean say) {
        String command = changes.buildCommandProperty().get();
        String folder = changes.buildFolderProperty().get();
        if (command == null || command.isBlank() || folder == null || folder.isBlank()) {
            return null;
        }
        try {
            return new BuildStep(command, Path.of(folder)).checked();
        } catch (IllegalArgumentException e) {
            if (say) {
                messages.error("Build step: " + e.getMessage());
            }
            return null;
        }
    }

    private List<Path> paths(Scenario s) {
        List<Path> out = new ArrayList<>(WatchedFiles.of(document.file(), s));
        BuildStep b = build(false);
        if (b != null) {
            out.add(b.folder());
        }
        return out;
    }

    @Override
    public void close() {
        stop();
        work.shutdownNow();
    }
}
