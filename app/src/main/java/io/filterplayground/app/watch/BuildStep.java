package io.filterplayground.app.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A module's build: the user's command, run by the system shell in the module's source folder when
 * a source file changes. A build command is code the user runs on their own machine, so it only
 * ever comes from what the user typed (the command line's {@code --build}, the window's watch
 * settings), never from a scenario file (SECURITY.md).
 */
public record BuildStep(String command, Path folder) {
    public BuildStep {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the build command is empty");
        }
        folder = folder.toAbsolutePath().normalize();
    }

    /** How a build ended: the command's exit status (0 is success). */
    public record Outcome(int exitStatus, long millis) {
        public boolean ok() {
            return exitStatus == 0;
        }
    }

    /** Checks that the folder exists, so a typo is said before the first change. */
    public BuildStep checked() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": no such folder");
        }
        return this;
    }

    /**
     * Whether {@code changed} is this build's source folder as a watch reports it (the module it
     * writes, even inside that folder, is a change of its own, not a reason to build again).
     */
    public boolean covers(Path changed) {
        return changed.toAbsolutePath().normalize().equals(folder);
    }

    /**
     * Runs the command and hands each line it prints (stdout and stderr together) to {@code output}
     * as it comes; an interrupt stops the build.
     */
    public Outcome run(Consumer<String> output) throws InterruptedException {
        long t0 = System.nanoTime();
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        ProcessBuilder pb =
                new ProcessBuilder(
                                windows
                                        ? List.of("cmd.exe", "/c", command)
                                        : List.of("/bin/sh", "-c", command))
                        .directory(folder.toFile())
                        .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            output.accept("cannot start the build: " + e.getMessage());
            return new Outcome(-1, 0);
        }
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.accept(line);
            }
            return new Outcome(p.waitFor(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            output.accept("build output lost: " + e.getMessage());
            return new Outcome(p.waitFor(), (System.nanoTime() - t0) / 1_000_000);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** The steps whose source folders hold one of {@code changed}. */
    public static List<BuildStep> covering(
            List<BuildStep> steps, java.util.Collection<Path> changed) {
        return steps.stream().filter(b -> changed.stream().anyMatch(b::covers)).toList();
    }
}
