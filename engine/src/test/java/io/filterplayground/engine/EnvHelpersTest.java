package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.trace.LogEvent;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.ModuleInfo;
import io.filterplayground.samples.TestModule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The env helpers Envoy links besides proxy_* (emscripten's pthread_equal and memory growth notice,
 * Envoy's envoy_resolve_dns) link here too, so Istio 1.5-era C++ modules load.
 */
class EnvHelpersTest {
    @Test
    void shouldLinkAndAnswerTheEnvHelpersEnvoyProvides() {
        RunResult r =
                Fixtures.run(
                        """
                filters:
                  - {name: cpp, wasm: testdata/env_helpers.wasm}
                requests:
                  - {name: first}
                """);

        assertThat(r.logs())
                .extracting(LogEvent::message)
                .contains("env_helpers: pthread_equal=1/0 resolve_dns=12");
        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
    }

    @Test
    void shouldShowTheHelpersAsProvidedInInspect() {
        ModuleInfo info =
                ModuleCache.inspect("env_helpers.wasm", TestModule.ENV_HELPERS.wasmBytes());

        Map<String, String> support =
                info.imports().stream()
                        .collect(
                                Collectors.toMap(
                                        ModuleInfo.Import::name, ModuleInfo.Import::support));
        assertThat(support)
                .containsEntry("pthread_equal", "provided")
                .containsEntry("emscripten_notify_memory_growth", "provided")
                .containsEntry("envoy_resolve_dns", "stub: links, answers Unimplemented");
        assertThat(info.warnings()).noneMatch(w -> w.contains("missing"));
    }
}
