package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker fed as the window feeds it: live events, then the finished exchanges. */
class LessonCheckerTest {
    @TempDir Path dir;
    private Lesson lesson;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void write() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), LessonFromDiskTest.SCENARIO);
        Files.writeString(
                dir.resolve("lesson.md"),
                """
                ---
                title: Counting
                ---
                ```step
                goal: Send alice twice
                check:
                  - response: {request: alice, status: 200, count: 2}
                  - callback: {name: on_request_headers, filter: deny, context: stream, count: 2}
                hint: Send alice, then again.
                hintAfter: 30s
                ```
                ```step
                goal: Send mallory
                check: {response: {request: mallory, status: 403}}
                hint: Pick mallory.
                ```
                """);
        lesson = LessonCatalog.open(dir);
    }

    private RunResult run(String... names) throws Exception {
        List<String> wanted = List.of(names);
        var s = lesson.scenario();
        s =
                s.withSteps(
                        s.steps().stream()
                                .filter(
                                        st ->
                                                st
                                                                instanceof
                                                                io.filterplayground.engine.scenario
                                                                                .Step.Send
                                                                        x
                                                        && wanted.contains(x.request().name()))
                                .toList());
        return ScenarioRunner.run(s, Playground.Options.defaults(), TraceSink.NONE);
    }

    @Test
    void shouldCountAnEventSeenLiveAndAgainInItsExchangeOnce() throws Exception {
        RunResult r = run("alice");
        Exchange alice = r.exchanges().get(0);
        LessonChecker checker = new LessonChecker(lesson);
        alice.events().forEach(checker::onTrace);
        checker.onExchange(alice);
        checker.onExchange(alice);

        Step first = lesson.steps().get(0);
        assertThat(checker.isMet(first)).isFalse();
        assertThat(checker.goals(first))
                .extracting(LessonChecker.GoalState::evidence)
                .containsExactly(
                        "seen 1 of 2 times: \"alice\" GET / → 200 (via_upstream) on worker-0",
                        "seen 1 of 2 times: proxy_on_request_headers of deny on worker-0 (stream"
                                + " context 2, Continue)");

        // A restarted engine numbers its streams and events from 1 again: they still count.
        checker.onRestart();
        checker.onExchange(run("alice").exchanges().get(0));
        assertThat(checker.isMet(first)).isTrue();
    }

    @Test
    void shouldMeetStepsInAnyOrderAndGiveHintsAfterTheirTime() throws Exception {
        HandClock clock = new HandClock();
        LessonChecker checker = new LessonChecker(lesson, clock);
        Step first = lesson.steps().get(0);
        Step second = lesson.steps().get(1);
        List<String> heard = new ArrayList<>();
        checker.addListener(s -> heard.add(s.id()));

        assertThat(checker.current()).isEqualTo(first);
        clock.millis += 29_999;
        assertThat(checker.hintDue()).isFalse();
        clock.millis += 1;
        assertThat(checker.hintDue()).isTrue();

        for (Exchange x : run("mallory").exchanges()) {
            checker.onExchange(x);
        }
        assertThat(heard).containsExactly("2");
        assertThat(checker.current()).isEqualTo(first); // still the first one not met
        assertThat(checker.hintDue()).isTrue();

        for (Exchange x : runTwice().exchanges()) {
            checker.onExchange(x);
        }
        assertThat(heard).containsExactly("2", "1");
        assertThat(checker.complete()).isTrue();
        assertThat(checker.hintDue()).isFalse();
    }

    private RunResult runTwice() throws Exception {
        var s = lesson.scenario();
        var alice = s.requests().get(0);
        s =
                s.withSteps(
                        List.of(
                                new io.filterplayground.engine.scenario.Step.Send(alice),
                                new io.filterplayground.engine.scenario.Step.Send(alice)));
        return ScenarioRunner.run(s, Playground.Options.defaults(), TraceSink.NONE);
    }

    @Test
    void shouldRestoreProgressAndForgetItOnReset() throws Exception {
        HandClock clock = new HandClock();
        LessonChecker checker = new LessonChecker(lesson, clock);
        clock.millis += 100_000;
        checker.restore(java.util.Set.of("1", "no-such-step"));

        assertThat(checker.metIds()).containsExactly("1");
        assertThat(checker.current()).isEqualTo(lesson.steps().get(1));
        assertThat(checker.hintDue()).isFalse(); // the hint timer starts when restored
        clock.millis += Step.DEFAULT_HINT_AFTER_MILLIS;
        assertThat(checker.hintDue()).isTrue();

        checker.reset();
        assertThat(checker.metIds()).isEmpty();
        assertThat(checker.current()).isEqualTo(lesson.steps().get(0));
    }
}
