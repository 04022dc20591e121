package io.filterplayground.app.cli;

import io.filterplayground.app.learn.Lesson;
import io.filterplayground.app.learn.LessonCatalog;
import io.filterplayground.app.learn.LessonChecker;
import io.filterplayground.app.learn.LessonRun;
import io.filterplayground.app.learn.Step;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.trace.TraceDetail;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lesson N|PATH [--check]}: prints a lesson's text and plays it headless, doing each step's
 * actions on the real engine and printing what happened and the facts each step checks; {@code
 * --check} plays it without the text and exits 0 only when every step is met.
 */
@Command(
        name = "lesson",
        mixinStandardHelpOptions = true,
        description =
                "Print a lesson and play it: each step's actions on the real engine, and the facts"
                        + " its goals check.")
public final class LessonCommand extends HeadlessCommand {
    @Parameters(
            paramLabel = "N|PATH",
            description =
                    "A built-in lesson's number (see: lessons), or a lesson.md or its folder.")
    String which;

    @Option(
            names = "--check",
            description = "Do not print the text; exit 0 when every step is met, 1 otherwise.")
    boolean check;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        Lesson lesson =
                which.matches("\\d{1,3}")
                        ? LessonCatalog.builtIn(Integer.parseInt(which))
                        : LessonCatalog.open(Path.of(which));
        String head =
                (lesson.number() > 0 ? "Lesson " + lesson.number() + ": " : "Lesson: ")
                        + lesson.title()
                        + (lesson.minutes() > 0 ? " (" + lesson.minutes() + " min)" : "");
        out.println(head);
        if (!check) {
            out.println();
            printText(lesson, out);
        }
        out.println();
        out.println("Playing it on " + lesson.scenarioFile() + ":");
        LessonChecker checker = new LessonChecker(lesson);
        try (LessonRun run =
                LessonRun.start(
                        new Playground.Options(common.machine, TraceDetail.FULL), checker)) {
            for (Step s : lesson.steps()) {
                out.println();
                out.println("Step " + s.number() + ": " + s.goal());
                run.perform(s, line -> out.println("  > " + line));
                for (LessonChecker.GoalState g : checker.goals(s)) {
                    out.println(
                            "  "
                                    + (g.met() ? "✓ " : "✗ ")
                                    + g.goal().describe()
                                    + "\n      "
                                    + g.evidence());
                }
            }
        }
        long met = lesson.steps().stream().filter(checker::isMet).count();
        out.println();
        out.println(met + " of " + lesson.steps().size() + " steps met.");
        return checker.complete() ? Exit.OK : Exit.FAILED;
    }

    /** The lesson as a terminal shows it: its Markdown, each step as a line with what to do. */
    static void printText(Lesson lesson, PrintWriter out) {
        for (Lesson.Section section : lesson.sections()) {
            if (!section.markdown().isEmpty()) {
                out.println(section.markdown());
                out.println();
            }
            Step s = section.step();
            if (s != null) {
                out.println("[Step " + s.number() + "] " + s.goal());
                s.actions().forEach(a -> out.println("    try: " + a.describe()));
                if (!s.hint().isEmpty()) {
                    out.println("    hint: " + s.hint());
                }
                out.println();
            }
        }
    }
}
