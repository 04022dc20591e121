package io.filterplayground.app;

import java.nio.file.Path;

/** The JavaFX application; built in the GUI issue. */
public final class PlaygroundApp {
    private PlaygroundApp() {}

    public static void launchWith(Path scenario) {
        System.err.println(
                "filter-playground: the window is not built yet; use run, test or inspect");
    }
}
