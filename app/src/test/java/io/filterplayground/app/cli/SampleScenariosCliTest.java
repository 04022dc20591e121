package io.filterplayground.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP and access-log samples meet their own expectations through {@code test}. */
class SampleScenariosCliTest {
    private static final Path SAMPLES = Path.of("..", "sample-modules");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis-inspector/scenario.yaml",
                "access-logger/scenario.yaml",
                "access-logger/scenario-tcp.yaml",
                "four-extension-points/scenario.yaml"
            })
    void shouldPassItsOwnExpectations(String scenario) {
        CommandLineTest.Result r =
                CommandLineTest.exec("test", SAMPLES.resolve(scenario).toString());

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("ok: \\d+ expectation block\\(s\\) passed");
    }
}
