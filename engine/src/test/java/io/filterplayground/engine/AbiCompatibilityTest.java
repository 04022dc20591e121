package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Modules from every toolchain and ABI version load and run (issue 2: the host). */
class AbiCompatibilityTest {
    private static List<String> messages(RunResult r) {
        return r.logs().stream().map(LogEvent::message).toList();
    }

    /**
     * On the virtual clock, so that the Go runtime's "nanotime returning zero" check in _initialize
     * runs against it (it failed every Go module when the clock started at 0).
     */
    @Test
    void shouldRunAGoShapedModuleWithDuplicateImportsAndStdoutLogging() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clock: virtual
                filters:
                  - {name: go, wasm: testdata/go_shaped.wasm}
                steps:
                  - request: {name: first}
                  - advance: 3s
                """);

        assertThat(r.exchanges().get(0).response().status()).isEqualTo(200);
        assertThat(messages(r)).filteredOn("go-shaped: tick"::equals).hasSize(3);
        assertThat(messages(r))
                .contains(
                        "go-shaped: vm start",
                        "hello from stdout",
                        "go-shaped: request headers",
                        "go-shaped: tick",
                        "go-shaped: tick on stderr");
        assertThat(r.logs())
                .anyMatch(
                        l ->
                                l.message().equals("go-shaped: tick on stderr")
                                        && l.level()
                                                == io.filterplayground.engine.abi.LogLevel.ERROR);
    }

    @Test
    void shouldRunARealEmscriptenModuleThatGrowsItsMemory() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                filters:
                  - {name: cpp, wasm: testdata/emscripten_hello.wasm, configuration: hi}
                requests:
                  - {name: first, path: /cpp}
                """);

        assertThat(messages(r)).contains("emscripten: vm start", "emscripten: request path /cpp");
        assertThat(messages(r)).anyMatch(m -> m.startsWith("emscripten: memory grew from"));
        assertThat(r.exchanges().get(0).response().headers().contains("x-emscripten")).isTrue();
    }

    @Test
    void shouldRunARustSdkShapedModuleWithTimersClocksAndRandomness() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clock: virtual
                filters:
                  - {name: rust, wasm: testdata/rust_sdk_shaped.wasm}
                steps:
                  - request: {name: first}
                  - advance: 5s
                """);

        assertThat(messages(r)).contains("Hello, World!");
        // The virtual clock starts at 2026-01-01T00:00:00Z and the tick fired 5 s later.
        assertThat(messages(r))
                .anyMatch(
                        m ->
                                m.startsWith(
                                        "It's 1767225605000000000 ns (proxy clock 1767225605000000000 ns)"));
    }

    @ParameterizedTest
    @EnumSource(Machine.class)
    void shouldRunTheAssemblyScriptSdkModuleOnBothMachines(Machine machine) {
        RunResult r =
                Fixtures.run(
                        Fixtures.yaml(
                                """
                workers: 1
                filters:
                  - name: add
                    wasm: add-header/add_header.wasm
                    rootId: add_header
                    configuration: {request: {x-a: "1"}, response: {x-b: "2"}}
                requests:
                  - {name: first}
                """),
                        machine);

        Exchange x = r.exchanges().get(0);
        assertThat(x.upstreamRequest().headers().first("x-a")).contains("1");
        assertThat(x.response().headers().first("x-b")).contains("2");
    }

    @Test
    void shouldCallTwoArgumentHeaderCallbacksOfAbi010AndAnswerOkForAMissingHeader() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                filters:
                  - {name: old, wasm: testdata/abi_0_1_0_two_args.wasm, configuration: legacy}
                requests:
                  - {name: first}
                """);

        assertThat(messages(r))
                .contains(
                        "abi-0.1.0/2-args: _start",
                        "abi-0.1.0/2-args: configuration legacy",
                        "abi-0.1.0/2-args: missing header status=0 size=0");
        Exchange x = r.exchanges().get(0);
        assertThat(x.upstreamRequest().headers().first("x-abi")).contains("0.1.0");
        assertThat(x.response().headers().first("x-abi")).contains("0.1.0");
    }

    @Test
    void shouldAlsoRunAbi010ModulesWithThreeArgumentHeaderCallbacks() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                filters:
                  - {name: old3, wasm: testdata/abi_0_1_0_three_args.wasm}
                requests:
                  - {name: first}
                """);

        assertThat(r.exchanges().get(0).upstreamRequest().headers().first("x-abi"))
                .contains("0.1.0");
    }
}
