package io.filterplayground.app.cli;

import io.filterplayground.app.PlaygroundApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Opens the playground window, on a scenario file or on the built-in demo. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the playground window.")
public final class GuiCommand implements Callable<Integer> {
    @Parameters(
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "Scenario file (YAML or JSON); default: the built-in demo.")
    Path scenario;

    @Override
    public Integer call() {
        PlaygroundApp.launchWith(scenario);
        return Exit.OK;
    }
}
