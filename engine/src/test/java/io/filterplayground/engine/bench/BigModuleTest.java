package io.filterplayground.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Fixtures;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.trace.CallbackEvent;
import io.filterplayground.engine.wasm.ModuleCache;
import org.junit.jupiter.api.Test;

/** The synthetic module of {@code ModuleStartBenchmark} is valid and runs, small here. */
class BigModuleTest {
    @Test
    void shouldLoadAndRunEveryFunction() {
        byte[] wasm = BigModule.build(5, 400);
        assertThat(ModuleCache.inspect("big.wasm", wasm).abiVersion()).isEqualTo("0.2.1");
        RunResult r =
                Fixtures.run(
                        ScenarioLoader.parse(
                                "workers: 2\nfilters: [{name: big, wasm: big.wasm}]\n"
                                        + "requests: [{name: a}, {name: b}]\n",
                                "big.yaml",
                                ref -> wasm));
        assertThat(r.exchanges()).allSatisfy(x -> assertThat(x.response().status()).isEqualTo(200));
        assertThat(r.exchanges().get(0).events())
                .filteredOn(CallbackEvent.class::isInstance)
                .map(e -> ((CallbackEvent) e).name())
                .contains("proxy_on_request_headers");
    }
}
