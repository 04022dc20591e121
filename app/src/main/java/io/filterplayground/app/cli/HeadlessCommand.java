package io.filterplayground.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs without the window: prints to the command's streams, and turns any failure
 * into one plain line on stderr with exit status 2 (README, "Command line").
 */
abstract class HeadlessCommand implements Callable<Integer> {
    @Mixin CommonOptions common = new CommonOptions();

    @Spec CommandSpec spec;

    /** Does the work; returns the exit status. */
    abstract int execute(PrintWriter out, PrintWriter err) throws Exception;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            int status = execute(out, err);
            out.flush();
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return common.fail(err, e);
        } catch (Exception | StackOverflowError e) {
            return common.fail(err, e);
        }
    }
}
