package io.filterplayground.app;

import io.filterplayground.app.cli.CompiledModulesDirectory;
import io.filterplayground.app.cli.PlaygroundCommand;
import io.filterplayground.app.launch.Relaunch;
import java.util.OptionalInt;

/**
 * Entry point of {@code filter-playground.jar}: no arguments opens the GUI on the built-in demo;
 * {@code run}, {@code test} and {@code inspect} run headless (see the README's command line). A JVM
 * with HotSpot's default for huge methods first hands over to one with huge-method JIT on ({@link
 * Relaunch}). This class does not extend {@code Application}, so the shaded jar starts JavaFX from
 * the classpath.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        OptionalInt child = Relaunch.ifNeeded(Main.class, args);
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        // The app keeps compiled modules between its starts; tests calling execute do not.
        CompiledModulesDirectory.apply();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this directly). */
    public static int execute(String... args) {
        return PlaygroundCommand.commandLine().execute(args);
    }
}
