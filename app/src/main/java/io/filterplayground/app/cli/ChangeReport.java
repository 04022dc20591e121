package io.filterplayground.app.cli;

import io.filterplayground.engine.report.change.Change;
import io.filterplayground.engine.report.change.ItemChanges;
import io.filterplayground.engine.report.change.RunChanges;
import java.io.PrintWriter;

/**
 * What changed between two runs, as {@code diff} and the watch mode print it: each changed request
 * (or connection) with one line per change, then the one-line summary.
 */
final class ChangeReport {
    private ChangeReport() {}

    static void print(RunChanges changes, PrintWriter out) {
        for (ItemChanges item : changes.changed()) {
            out.println(
                    (item.connection() ? "connection " : "request ")
                            + item.name()
                            + ": "
                            + item.changes().size()
                            + " change(s)");
            for (Change c : item.changes()) {
                out.printf("  %-16s %s%n", c.area().label(), c.describe());
            }
        }
        out.println(changes.summary());
        out.flush();
    }
}
