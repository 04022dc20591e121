package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lesson files are untrusted: each bad one is one {@link LessonException} with one line that says
 * where and what, and nothing in a lesson runs.
 */
class LessonFormatTest {
    @TempDir Path dir;

    private static Lesson parse(String text) {
        return LessonFormat.parse(text, "l.md", "l", new LessonSource.Folder(Path.of(".")));
    }

    private static String step(String body) {
        return "---\ntitle: T\n---\n```step\n" + body + "\n```\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no front matter | # hello | l.md: a lesson starts with front matter: ---, title: ..., ---",
                "open front matter | ---\\ntitle: T\\n | l.md: the front matter has no closing ---",
                "no title | ---\\nminutes: 3\\n---\\n | l.md: title: is required",
                "unknown front field | ---\\ntitle: T\\nauthor: me\\n---\\n | l.md: author: unknown field (known here: title, minutes, scenario)",
                "scenario outside | ---\\ntitle: T\\nscenario: ../x.yaml\\n---\\n | l.md: scenario: a file name inside the lesson's folder is expected, such as scenario.yaml",
                "absolute scenario | ---\\ntitle: T\\nscenario: /etc/passwd\\n---\\n | l.md: scenario: a file name inside the lesson's folder is expected, such as scenario.yaml",
                "unclosed step | ---\\ntitle: T\\n---\\n```step\\ngoal: g\\n | l.md: line 4: the step block is not closed",
                "alias | ---\\ntitle: &a T\\nminutes: *a\\n---\\n | l.md: not valid YAML (line 3): YAML aliases (*a) are not supported: write the value out",
            })
    void shouldRefuseABadLessonWithOneLine(String what, String text, String message) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .as(what)
                .isInstanceOf(LessonException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no goal | check: [{advanced: {atLeast: 1s}}] | l.md: step 1 (line 4): goal: is required",
                "no check | goal: g | l.md: step 1 (line 4): check: at least one goal is required",
                "unknown goal | goal: g\\ncheck: [{teleport: {}}] | l.md: step 1 (line 4): check[0].teleport: unknown goal (one of response, connection, callback, hostcall, log, trap, stream, vm, order, vms, advanced)",
                "two keys | goal: g\\ncheck: [{log: {}, vm: {}}] | l.md: step 1 (line 4): check[0]: exactly one key is expected, found 2",
                "typo in a goal | goal: g\\ncheck: [{response: {stauts: 200}}] | l.md: step 1 (line 4): check[0].response.stauts: unknown field (known here: request, path, requestHeaders, worker, status, localReply, detailsContains, upstreamReached, responseHeaders, upstreamHeaders, absentUpstreamHeaders, bodyContains, count)",
                "bad status | goal: g\\ncheck: [{response: {status: lots}}] | l.md: step 1 (line 4): check[0].response.status: a whole number from 0 to 999 is expected",
                "zero count | goal: g\\ncheck: [{log: {count: 0}}] | l.md: step 1 (line 4): check[0].log.count: a whole number from 1 to 1000000 is expected",
                "bad context | goal: g\\ncheck: [{callback: {name: x, context: other}}] | l.md: step 1 (line 4): check[0].callback.context: root or stream is expected",
                "short order | goal: g\\ncheck: [{order: {callbacks: [a]}}] | l.md: step 1 (line 4): check[0].order.callbacks: a list of at least two callbacks is expected",
                "bad duration | goal: g\\ncheck: [{advanced: {atLeast: soon}}] | l.md: step 1 (line 4): check[0].advanced.atLeast: a duration such as 1s or 250ms is expected",
                "bad tab | goal: g\\ncheck: [{vms: {}}]\\nshow: {tab: kitchen} | l.md: step 1 (line 4): show.tab: unknown tab 'kitchen' (chain, modules, timeline, diff, vms, logs, metrics, shared, request, connection, upstream, variables, history)",
                "unknown action | goal: g\\ncheck: [{vms: {}}]\\ndo: [{exec: rm}] | l.md: step 1 (line 4): do[0].exec: unknown action (one of send, advance, connect, edit, workers)",
                "bad policy | goal: g\\ncheck: [{vms: {}}]\\ndo: [{edit: {filter: f, failurePolicy: never}}] | l.md: step 1 (line 4): do[0].edit.failurePolicy: unknown failure policy 'never' (failClosed, failOpen or failReload)",
                "bad trap | goal: g\\ncheck: [{vms: {}}]\\ndo: [{edit: {filter: f, inject: {callback: on_nothing}}}] | l.md: step 1 (line 4): do[0].edit.inject: unknown callback 'on_nothing'",
                "same ids | id: a\\ngoal: g\\ncheck: [{vms: {}}]\\n```\\n```step\\nid: a\\ngoal: h\\ncheck: [{vms: {}}] | l.md: line 9: a second step with id a",
                "not yaml | goal: [unclosed | l.md: not valid YAML (line 5): while parsing a flow sequence",
            })
    void shouldRefuseABadStepNamingWhereItIs(String what, String body, String message) {
        assertThatThrownBy(() -> parse(step(body.replace("\\n", "\n"))))
                .as(what)
                .isInstanceOf(LessonException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldKeepLessonsWithinLimits() throws Exception {
        StringBuilder many = new StringBuilder("---\ntitle: T\n---\n");
        for (int i = 0; i <= LessonFormat.MAX_STEPS; i++) {
            many.append("```step\ngoal: g\ncheck: [{vms: {}}]\n```\n");
        }
        assertThatThrownBy(() -> parse(many.toString()))
                .hasMessage("l.md: more than 50 steps in one lesson");
        assertThatThrownBy(() -> parse("---\ntitle: T\n---\n" + "x".repeat(LessonFormat.MAX_CHARS)))
                .hasMessage("l.md: larger than 1024 KiB");
        Path big = dir.resolve("lesson.md");
        Files.write(big, new byte[LessonFormat.MAX_CHARS + 1]);
        assertThatThrownBy(() -> LessonCatalog.open(big))
                .isInstanceOf(LessonException.class)
                .hasMessageContaining("is larger than 1 MiB");
        Files.write(big, new byte[] {'-', '-', '-', '\n', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> LessonCatalog.open(big))
                .hasMessage(big + ": the file is not UTF-8 text");
        assertThatThrownBy(() -> LessonCatalog.open(Path.of("/dev/zero")))
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void shouldReadASingleGoalOrActionAsAListOfOne() {
        Lesson l =
                parse(
                        step(
                                "goal: g\ncheck: {advanced: {atLeast: 2s}}\ndo: {advance: 2s}\n"
                                        + "hintAfter: 5s"));
        Step s = l.steps().get(0);
        assertThat(s.goals()).containsExactly(new Goal.Advanced(2000));
        assertThat(s.actions()).containsExactly(new Action.Advance(2000));
        assertThat(s.goals().get(0).describe()).isEqualTo("the clock advanced by 2 s");
        assertThat(s.actions().get(0).describe()).isEqualTo("advance the clock by 2 s");
    }
}
