package io.filterplayground.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: no subcommand opens the GUI on the demo scenario. */
@Command(
        name = "filter-playground",
        mixinStandardHelpOptions = true,
        versionProvider = PlaygroundCommand.Version.class,
        description = "A playground for Proxy-Wasm filters with an Envoy-faithful host.",
        subcommands = {
            RunCommand.class,
            TestCommand.class,
            InspectCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            DiffCommand.class,
            GuiCommand.class
        })
public final class PlaygroundCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return new GuiCommand().call();
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PlaygroundCommand());
        // Bad command-line usage is bad input: one line on stderr, exit 2 (README, "Command line").
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    PrintWriter err = ex.getCommandLine().getErr();
                    err.println("filter-playground: " + ex.getMessage());
                    err.println("Try 'filter-playground --help'.");
                    return Exit.BAD_INPUT;
                });
        return cl;
    }

    /** Reports the version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PlaygroundCommand.class.getPackage().getImplementationVersion();
            return new String[] {"filter-playground " + (v == null ? "dev" : v)};
        }
    }
}
