package io.filterplayground.app.cli;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonCatalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code lessons}: lists the built-in lessons of Learn mode. */
@Command(
        name = "lessons",
        mixinStandardHelpOptions = true,
        description = "List the built-in lessons (run one with: lesson N).")
public final class LessonsCommand extends HeadlessCommand {
    @Override
    int execute(PrintWriter out, PrintWriter err) {
        for (Lesson l : LessonCatalog.builtIn()) {
            out.printf(
                    "%2d  %s (%s%d steps)%n",
                    l.number(),
                    l.title(),
                    l.minutes() > 0 ? l.minutes() + " min, " : "",
                    l.steps().size());
        }
        out.println();
        out.println("lesson N prints a lesson and plays it; lesson N --check only checks it;");
        out.println("lesson PATH opens a lesson from disk (its lesson.md, or its folder).");
        return Exit.OK;
    }
}
