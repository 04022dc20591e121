package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Playground;
import io.filterplayground.samples.Lessons;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in lesson played by a scripted learner through the real engine: its scenario loads,
 * and each step's goals are not met before the step's actions and are met after them.
 */
class BuiltInLessonsTest {
    static Stream<Integer> lessons() {
        return IntStream.rangeClosed(1, Lessons.FOLDERS.size()).boxed();
    }

    @ParameterizedTest(name = "lesson {0}")
    @MethodSource("lessons")
    void shouldMeetEachStepOnlyAfterItsActions(int n) throws Exception {
        Lesson lesson = LessonCatalog.builtIn(n);
        assertThat(lesson.number()).isEqualTo(n);
        assertThat(lesson.steps()).isNotEmpty();
        LessonChecker checker = new LessonChecker(lesson);
        List<String> said = new ArrayList<>();
        try (LessonRun run = LessonRun.start(Playground.Options.defaults(), checker)) {
            for (Step step : lesson.steps()) {
                assertThat(step.actions()).as("step %d has actions", step.number()).isNotEmpty();
                assertThat(checker.isMet(step))
                        .as(
                                "step %d (%s) met before its actions: %s",
                                step.number(), step.goal(), checker.goals(step))
                        .isFalse();
                run.perform(step, said::add);
                assertThat(checker.isMet(step))
                        .as(
                                "step %d (%s) after its actions: %s; the run said %s",
                                step.number(), step.goal(), checker.goals(step), said)
                        .isTrue();
            }
        }
        assertThat(checker.complete()).isTrue();
    }
}
