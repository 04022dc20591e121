package io.filterplayground.app.learn;

import io.filterplayground.engine.scenario.Scenario;
import java.util.List;
import java.util.Objects;

/**
 * A lesson of Learn mode: text in sections, each perhaps ending in a {@link Step} the learner does
 * in the playground, and the scenario the playground starts on. Lessons are plain files, so a
 * teacher writes their own and opens it from disk; the README's "Learn" section is the format.
 *
 * <h2>The API, for the window and the command line (no JavaFX here)</h2>
 *
 * <ul>
 *   <li>{@link LessonCatalog#builtIn()} lists the ten built-in lessons; {@link
 *       LessonCatalog#open(java.nio.file.Path)} reads one from disk ("Open lesson…": a {@code
 *       lesson.md}, or its folder). Both parse with {@link LessonFormat}, within limits: a bad file
 *       is one {@link LessonException} with one plain line.
 *   <li>{@link #scenario()} loads the scenario the lesson starts on (an ordinary scenario file
 *       beside {@code lesson.md}, with the same trust rules as any scenario).
 *   <li>A {@link Step} has a {@code goal} sentence, the {@link Goal}s that say it is done, a {@code
 *       hint} shown {@code hintAfterMillis} after it became the current step, a {@link Pointer}
 *       (which tab, filter, request, timeline row and panel the window shows for it) and the {@link
 *       Action}s that do it (what the learner is asked to do; the headless twin and the tests do
 *       them).
 *   <li>{@link LessonChecker} is fed what the engine reports ({@code onTrace}, {@code onExchange},
 *       {@code onConnection}, {@code onAdvance}, {@code onRestart}), from any thread, and says
 *       which steps are met (sticky: once met, a step stays met), the current step, whether its
 *       hint is due, and calls its listeners when a step is met.
 *   <li>{@link ProgressStore} keeps the met steps of each lesson across restarts ({@code
 *       lessons.json} beside the window's {@code history.json}); {@code reset} forgets a lesson.
 *   <li>{@link LessonRun} drives a real playground through a lesson's actions the way the window
 *       does (send, advance, connect, edit the chain and restart), feeding a checker.
 * </ul>
 *
 * @param id a stable key for progress: the folder name of a built-in lesson, the absolute path of a
 *     lesson's folder on disk
 * @param number its place among the built-in lessons (1 to 10), 0 for one opened from disk
 * @param title the lesson's title
 * @param minutes about how long it takes (0: not said)
 * @param scenarioFile the scenario's file name, relative to the lesson's folder
 * @param sections the text in order, each section perhaps ending in a step
 * @param source where the lesson's files are read from
 */
public record Lesson(
        String id,
        int number,
        String title,
        int minutes,
        String scenarioFile,
        List<Section> sections,
        LessonSource source) {

    public Lesson {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        sections = List.copyOf(sections);
    }

    /**
     * Some text, in Markdown (headings, paragraphs, lists, code fences, images relative to the
     * lesson's folder), and the step that follows it, or null.
     */
    public record Section(String markdown, Step step) {}

    /** The steps in order. */
    public List<Step> steps() {
        return sections.stream().map(Section::step).filter(Objects::nonNull).toList();
    }

    /** The scenario the lesson starts on; a {@link LessonException} when it cannot be loaded. */
    public Scenario scenario() {
        return source.scenario(scenarioFile);
    }

    /** A file of the lesson's folder (an image), read within limits. */
    public byte[] file(String relative) {
        return source.read(relative);
    }

    /** The same lesson as a built-in one with its number. */
    Lesson numbered(int n) {
        return new Lesson(id, n, title, minutes, scenarioFile, sections, source);
    }
}
