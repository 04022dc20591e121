package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.Playground;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson a teacher wrote by hand, opened from a folder on disk ("Open lesson…"). */
class LessonFromDiskTest {
    @TempDir Path dir;

    static final String SCENARIO =
            """
            workers: 1
            clusters: {backend: {mock: {status: 200, body: "ok"}}}
            filters:
              - name: deny
                wasm: sample:deny
                configuration: {header: x-user, values: [mallory], status: 403, body: "no"}
            requests:
              - {name: alice, headers: {x-user: alice}}
              - {name: mallory, headers: {x-user: mallory}}
            """;

    static final String LESSON =
            """
            ---
            title: My own lesson
            minutes: 2
            ---
            # Deny

            Intro text with a picture: ![chain](chain.png)

            ```yaml
            # a code block that is not a step
            goal: not a step
            ```

            ```step
            id: alice
            goal: Send alice
            check:
              - response: {request: alice, status: 200}
            hint: Press Send.
            hintAfter: 10s
            show: {tab: timeline, filter: deny, request: alice, callback: proxy_on_request_headers, panel: send}
            do:
              - send: alice
            ```

            Between the steps.

            ```step
            goal: Send mallory and see the 403
            check:
              - response: {request: mallory, status: 403, localReply: true}
              - log: {contains: "mallory is on the deny list", filter: deny}
            do:
              - send: mallory
            ```

            The end.
            """;

    @Test
    void shouldOpenAHandWrittenLessonAndPlayIt() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("lesson.md"), LESSON);
        Files.write(dir.resolve("chain.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        Lesson lesson = LessonCatalog.open(dir);

        assertThat(lesson.id()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(lesson.number()).isZero();
        assertThat(lesson.title()).isEqualTo("My own lesson");
        assertThat(lesson.minutes()).isEqualTo(2);
        assertThat(lesson.sections()).hasSize(3);
        assertThat(lesson.sections().get(0).markdown())
                .startsWith("# Deny")
                .contains("```yaml\n# a code block that is not a step\ngoal: not a step\n```");
        assertThat(lesson.sections().get(1).markdown()).isEqualTo("Between the steps.");
        assertThat(lesson.sections().get(2)).isEqualTo(new Lesson.Section("The end.", null));
        Step first = lesson.steps().get(0);
        assertThat(first.id()).isEqualTo("alice");
        assertThat(first.hintAfterMillis()).isEqualTo(10_000);
        assertThat(first.show())
                .isEqualTo(
                        new Pointer(
                                "timeline", "deny", "alice", "proxy_on_request_headers", "send"));
        Step second = lesson.steps().get(1);
        assertThat(second.id()).isEqualTo("2");
        assertThat(second.hint()).isEmpty();
        assertThat(second.hintAfterMillis()).isEqualTo(Step.DEFAULT_HINT_AFTER_MILLIS);
        assertThat(second.show()).isEqualTo(Pointer.NONE);
        assertThat(lesson.file("chain.png")).hasSize(4);
        assertThatThrownBy(() -> lesson.file("../outside.png"))
                .isInstanceOf(LessonException.class)
                .hasMessageContaining("outside the lesson's folder");

        LessonChecker checker = new LessonChecker(lesson);
        List<Step> met = new ArrayList<>();
        checker.addListener(met::add);
        try (LessonRun run = LessonRun.start(Playground.Options.defaults(), checker)) {
            assertThat(checker.current()).isEqualTo(first);
            run.perform(first, line -> {});
            assertThat(checker.current()).isEqualTo(second);
            run.perform(second, line -> {});
        }
        assertThat(met).containsExactly(first, second);
        assertThat(checker.complete()).isTrue();
        assertThat(checker.current()).isNull();
        assertThat(checker.metIds()).containsExactly("alice", "2");
    }

    @Test
    void shouldOpenTheLessonFileItselfAndSayWhenItsScenarioIsBad() throws Exception {
        Files.writeString(
                dir.resolve("lesson.md"), LESSON.replace("minutes: 2", "scenario: s.yaml"));
        Files.writeString(dir.resolve("s.yaml"), "workers: many\n");

        Lesson lesson = LessonCatalog.open(dir.resolve("lesson.md"));

        assertThat(lesson.scenarioFile()).isEqualTo("s.yaml");
        assertThatThrownBy(lesson::scenario).hasMessageStartingWith("s.yaml: workers:");
        assertThatThrownBy(() -> LessonCatalog.open(dir.resolve("missing")))
                .isInstanceOf(LessonException.class)
                .hasMessageContaining("cannot read the lesson");
    }

    /** The example of the README's "Writing a lesson" is a lesson that opens and plays. */
    @Test
    void shouldPlayTheReadmesExampleLesson() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("````markdown\n") + "````markdown\n".length();
        String example = readme.substring(start, readme.indexOf("````\n", start));
        Files.writeString(dir.resolve("lesson.md"), example);
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);

        Lesson lesson = LessonCatalog.open(dir);
        LessonChecker checker = new LessonChecker(lesson);
        try (LessonRun run = LessonRun.start(Playground.Options.defaults(), checker)) {
            for (Step s : lesson.steps()) {
                run.perform(s, line -> {});
            }
        }
        assertThat(lesson.title()).isEqualTo("Deny by header");
        assertThat(checker.complete()).isTrue();
    }
}
