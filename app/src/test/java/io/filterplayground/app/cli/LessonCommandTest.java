package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.CommandLineTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lessons}, {@code lesson N}, {@code lesson N --check} and {@code lesson PATH}. */
class LessonCommandTest {
    @TempDir Path dir;

    @Test
    void shouldListTheTenLessons() {
        Result r = CommandLineTest.exec("lessons");

        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains(" 1  Three ways to extend Envoy (5 min, 3 steps)")
                .contains(" 3  When VMs are shared")
                .contains("10  From the playground to production");
    }

    @Test
    void shouldPrintALessonAndPlayItWithTheFactsItsStepsCheck() {
        Result r = CommandLineTest.exec("lesson", "3");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Lesson 3: When VMs are shared (4 min)")
                .contains("# When VMs are shared")
                .contains("[Step 2] Give \"second\" a VM configuration")
                .contains("    try: edit the filter \"second\": VM configuration {\"copy\":2}")
                .contains("Playing it on scenario.yaml:")
                .contains("  > \"hello\" GET / → 200 (via_upstream) on worker-1")
                .contains("  ✓ a VM created: second#w1")
                .contains("      seen: second#w1 created on worker-1")
                .contains("3 of 3 steps met.");
    }

    @Test
    void shouldCheckALessonWithoutItsText() {
        Result r = CommandLineTest.exec("lesson", "4", "--check");

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .doesNotContain("# The Wasm service")
                .contains(
                        "✓ a log line containing \"stats: total=4 GET=3 POST=1 2xx=3 4xx=1 5xx=0\"")
                .contains("2 of 2 steps met.");
    }

    @Test
    void shouldFailTheCheckOfALessonWhoseStepsAreNotMet() throws Exception {
        Path lesson = dir.resolve("lesson.md");
        Files.writeString(
                dir.resolve("scenario.yaml"),
                """
                workers: 1
                clusters: {backend: {mock: {status: 200}}}
                requests: [{name: hello}]
                """);
        Files.writeString(
                lesson,
                """
                ---
                title: A wrong one
                ---
                ```step
                goal: Expect a 404 that never comes
                check:
                  - response: {request: hello, status: 404}
                do:
                  - send: hello
                ```
                """);

        Result r = CommandLineTest.exec("lesson", lesson.toString(), "--check");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out())
                .contains("Lesson: A wrong one")
                .contains("✗ a response 404 to \"hello\"")
                .contains("0 of 1 steps met.");
    }

    @Test
    void shouldRefuseABadLessonWithOneLine() throws Exception {
        Path lesson = dir.resolve("lesson.md");
        Files.writeString(lesson, "# no front matter\n");

        Result r = CommandLineTest.exec("lesson", lesson.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo(
                        "filter-playground: "
                                + lesson
                                + ": a lesson starts with front matter: ---, title: ..., ---");
        assertThat(CommandLineTest.exec("lesson", "11").err())
                .contains("no lesson 11 (the lessons are 1 to 10)");
    }
}
