package io.filterplayground.app.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.app.cli.Inputs;
import io.filterplayground.engine.Playground;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.ScenarioRunner;
import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.report.change.Change;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The change view's state over real runs of the deny sample: each run against the one before or the
 * pinned baseline, grouped per request and place, and only the last runs kept.
 */
class ChangeViewModelTest {
    private static RunResult run(String denied) throws InterruptedException {
        String text =
                """
                workers: 1
                clock: virtual
                clusters:
                  backend: {mock: {status: 200, body: "welcome"}}
                route: backend
                filters:
                  - {name: deny, wasm: sample:deny, configuration: {header: x-user, values: [%s]}}
                requests:
                  - {name: alice, headers: {x-user: alice}}
                  - {name: mallory, headers: {x-user: mallory}}
                """
                        .formatted(denied);
        return ScenarioRunner.run(
                ScenarioLoader.parse(
                        text,
                        "t.yaml",
                        Resolvers.withSchemes(Resolvers.files(Path.of(".")), Inputs.schemes())),
                new Playground.Options(Machine.COMPILED, TraceDetail.FULL),
                TraceSink.NONE);
    }

    @Test
    void shouldCompareEachRunWithTheOneBeforeOrThePinnedBaseline() throws Exception {
        ChangeViewModel vm = new ChangeViewModel();
        RunResult allowed = run("eve");
        RunResult denied = run("mallory");

        vm.record("watch started", allowed);
        assertThat(vm.captionProperty().get())
                .isEqualTo("Run 1 · watch started: the first run, the baseline of the next");
        vm.record("deny.wasm changed", denied);
        assertThat(vm.summaryProperty().get()).startsWith("1 request changed: mallory now 403");
        assertThat(vm.groups())
                .extracting(ChangeGroup::item, ChangeGroup::area)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("mallory", Change.Area.RESPONSE),
                        org.assertj.core.groups.Tuple.tuple("mallory", Change.Area.UPSTREAM));
        assertThat(vm.rows()).extracting(r -> r.name()).contains("status", "local reply");

        vm.selectedRunProperty().set(vm.runs().get(0));
        vm.togglePin();
        assertThat(vm.pinnedProperty().get()).isTrue();
        vm.record("deny.wasm changed", allowed);

        assertThat(vm.captionProperty().get())
                .isEqualTo(
                        "Run 3 · deny.wasm changed compared with run 1 (pinned): no change in 2"
                                + " requests");
        assertThat(vm.groups()).isEmpty();
        // Back to run 2: against the pinned run 1 as well.
        vm.selectedRunProperty().set(vm.runs().get(1));
        assertThat(vm.summaryProperty().get()).startsWith("1 request changed: mallory now 403");
    }

    @Test
    void shouldKeepTheLastRunsAndThePinnedOne() throws Exception {
        ChangeViewModel vm = new ChangeViewModel();
        RunResult r = run("eve");
        vm.record("watch started", r);
        vm.togglePin();
        for (int i = 0; i < ChangeViewModel.KEEP_RUNS + 2; i++) {
            vm.record("change " + i, r);
        }

        assertThat(vm.runs()).hasSize(ChangeViewModel.KEEP_RUNS);
        assertThat(vm.runs().get(0).number()).isEqualTo(1);
        assertThat(vm.runs().get(1).number()).isEqualTo(5);
        assertThat(vm.captionProperty().get()).contains("compared with run 1 (pinned)");
    }
}
