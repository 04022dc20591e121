package io.filterplayground.app.cli;

import io.filterplayground.app.launch.HugeMethodJit;
import io.filterplayground.engine.wasm.ModuleCache;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
            ExplainCommand.class,
            LessonsCommand.class,
            LessonCommand.class,
            DiffCommand.class,
            GuiCommand.class
        })
public final class PlaygroundCommand implements Callable<Integer> {
    @Option(
            names = "--no-module-cache",
            scope = ScopeType.INHERIT,
            description =
                    "Compile modules at this start instead of reading their compiled form from"
                            + " the cache directory (README, Compiled modules).")
    void noModuleCache(boolean off) {
        if (off) {
            ModuleCache.compileAtEveryStart();
        }
    }

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

    /**
     * Reports the version from the jar manifest, and the JVM with whether it JIT-compiles huge
     * methods (Go modules run about twice as fast when it does).
     */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PlaygroundCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "filter-playground " + (v == null ? "dev" : v),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.vm.version")
                        + ", "
                        + HugeMethodJit.ofThisJvm().describe(),
                "module cache: " + ModuleCache.compiledModulesState()
            };
        }
    }
}
