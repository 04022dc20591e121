package io.filterplayground.app.cli;

import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.proxy.Machine;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Options shared by the headless commands, and their one-line error reporting. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces for errors.")
    boolean verbose;

    @Option(
            names = "--machine",
            paramLabel = "compiled|interpreter",
            description = "Chicory machine (default: ${DEFAULT-VALUE}).",
            defaultValue = "compiled",
            converter = MachineConverter.class)
    Machine machine = Machine.COMPILED;

    /**
     * One plain line on stderr: what failed; under it, for a filter that did not start, what the
     * guest wrote last and the Wasm stack. Stack traces only with --verbose.
     */
    int fail(PrintWriter err, Throwable t) {
        String message = t instanceof EngineException ? t.getMessage() : "internal error: " + t;
        err.println("filter-playground: " + message);
        if (t instanceof FilterStartException e) {
            e.details().forEach(line -> err.println("  " + line));
        }
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
        return Exit.BAD_INPUT;
    }

    static final class MachineConverter implements picocli.CommandLine.ITypeConverter<Machine> {
        @Override
        public Machine convert(String value) {
            try {
                return Machine.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
