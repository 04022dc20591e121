package io.filterplayground.app;

import io.filterplayground.app.cli.PlaygroundCommand;

/**
 * Entry point of {@code filter-playground.jar}: no arguments opens the GUI on the built-in demo;
 * {@code run}, {@code test} and {@code inspect} run headless (README, "Command line"). This class
 * does not extend {@code Application}, so the shaded jar starts JavaFX from the classpath.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this directly). */
    public static int execute(String... args) {
        return PlaygroundCommand.commandLine().execute(args);
    }
}
