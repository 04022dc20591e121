package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.harness.HostHarness;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.ModuleInfo;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile input gets one clear message, and the host keeps running. */
class BadInputTest {
    @Test
    void shouldRejectAFileThatIsNotWasm() {
        assertThatThrownBy(
                        () ->
                                ModuleCache.load(
                                        "notes.txt", "hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessage(
                        "notes.txt: not a WebAssembly module (the file does not start with \\0asm)");
    }

    @Test
    void shouldRefuseToStartACallbackThatTakesMoreArgumentsThanEnvoyPasses() {
        // (module (memory (export "memory") 1) (func (export "proxy_abi_version_0_2_1"))
        //   (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
        //   (func (export "proxy_on_vm_start") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
        //     (i32.const 1)))
        // Found by fuzzing: the host had no arguments to give the seven parameters.
        byte[] bytes =
                HexFormat.of()
                        .parseHex(
                                "0061736d0100000001140360000060017f017f60077f7f7f7f7f7f7f017f0304"
                                        + "030001020503010001075304066d656d6f72790200177072"
                                        + "6f78795f6162695f76657273696f6e5f305f325f31000018"
                                        + "70726f78795f6f6e5f6d656d6f72795f616c6c6f63617465"
                                        + "00011170726f78795f6f6e5f766d5f737461727400020a0f"
                                        + "0302000b05004180080b040041010b");
        assertThatThrownBy(() -> HostHarness.builder("seven.wasm", bytes).build())
                .isInstanceOf(FilterStartException.class)
                .hasMessage(
                        "seven.wasm: Bad function signature for: proxy_on_vm_start (it takes 7"
                                + " parameters; Envoy calls it with 2)");
    }

    @Test
    void shouldRejectCodeThatTripsTheParserAsAnInvalidModule() {
        // One function whose body ends, then goes on with an `else`: found by fuzzing, Chicory's
        // parser fails on it with a NullPointerException rather than a validation error.
        byte[] bytes = {
            0,
            'a',
            's',
            'm',
            1,
            0,
            0,
            0, // magic, version
            1,
            4,
            1,
            0x60,
            0,
            0, // type section: () -> ()
            3,
            2,
            1,
            0, // function section: one function of type 0
            10,
            6,
            1,
            4,
            0,
            0x0b,
            0x05,
            0x0b // code: no locals, end, else, end
        };

        assertThatThrownBy(() -> ModuleCache.load("fuzzed.wasm", bytes))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessage(
                        "fuzzed.wasm: invalid WebAssembly module: malformed bytes the parser could"
                                + " not read (NullPointerException)");
    }

    @Test
    void shouldRejectATruncatedModule() {
        byte[] bytes = io.filterplayground.samples.SampleModule.HELLO_ABI.wasmBytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> ModuleCache.load("cut.wasm", cut))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessageStartingWith("cut.wasm: invalid WebAssembly module:");
    }

    @Test
    void shouldRefuseAModuleWithoutAbiMarkerLikeEnvoy() {
        assertThatThrownBy(
                        () ->
                                Fixtures.run(
                                        """
                filters:
                  - {name: plain, wasm: testdata/no_abi.wasm}
                requests:
                  - {name: r}
                """))
                .isInstanceOf(FilterStartException.class)
                .hasMessageContaining("Missing or unknown Proxy-Wasm ABI version");
        ModuleInfo info =
                ModuleCache.inspect(
                        "no_abi.wasm", io.filterplayground.samples.TestModule.NO_ABI.wasmBytes());
        assertThat(info.abiVersion()).isEqualTo("none");
        assertThat(info.warnings()).anyMatch(w -> w.contains("Envoy rejects it"));
    }

    @Test
    void shouldRejectAPluginWhoseConfigureReturnsFalse() {
        assertThatThrownBy(
                        () ->
                                Fixtures.run(
                                        """
                filters:
                  - {name: rl, wasm: rate-limiter/rate_limiter.wasm, configuration: "{not json"}
                requests:
                  - {name: r}
                """))
                .isInstanceOf(FilterStartException.class)
                .hasMessage(
                        "rl: proxy_on_configure returned false: the plugin rejected its configuration");
    }

    @Test
    void shouldReportAPluginThatTrapsWhileStarting() {
        assertThatThrownBy(
                        () ->
                                Fixtures.run(
                                        """
                filters:
                  - {name: f, wasm: testdata/faults.wasm, configuration: "trap@configure"}
                requests:
                  - {name: r}
                """))
                .isInstanceOf(FilterStartException.class)
                .hasMessageContaining("f: the plugin trapped while starting");
    }

    @Test
    void shouldNameTheFileFieldAndProblemOfAMalformedScenario() {
        assertThatThrownBy(() -> parse("workers: two\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("bad.yaml: workers: must be a whole number, not 'two'");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "filters:\n  - {name: x, wasm: a.wasm, failurePolicy: sometimes}\n"))
                .hasMessageStartingWith("bad.yaml: filters[0].wasm: cannot read 'a.wasm'");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "filters: [{name: x, native: add-header, policy: sometimes}]\n"))
                .hasMessageStartingWith("bad.yaml: filters[0].policy: unknown field");
        assertThatThrownBy(() -> parse("clock: sideways\n"))
                .hasMessage("bad.yaml: clock: unknown clock 'sideways' (real or virtual)");
        assertThatThrownBy(() -> parse("requests:\n  - {path: nope}\n"))
                .hasMessage("bad.yaml: requests[0].path: must start with '/': 'nope'");
        assertThatThrownBy(() -> parse("filterz: []\n"))
                .hasMessageStartingWith("bad.yaml: filterz: unknown field");
        assertThatThrownBy(() -> parse("{: [\n"))
                .hasMessageStartingWith("bad.yaml: not valid YAML or JSON");
        assertThatThrownBy(
                        () -> parse("route: nowhere\nclusters: {backend: {mock: {status: 200}}}\n"))
                .hasMessage("bad.yaml: route: no cluster named 'nowhere' (clusters: [backend])");
    }

    @Test
    void shouldRejectAnUnknownFailurePolicyValue() {
        assertThatThrownBy(
                        () ->
                                Fixtures.yaml(
                                        """
                filters:
                  - {name: x, wasm: hello-abi/hello_abi.wasm, failurePolicy: sometimes}
                """))
                .hasMessage(
                        "test.yaml: filters[0].failurePolicy: unknown failure policy 'sometimes' (failClosed, failOpen or failReload)");
    }

    private static void parse(String text) {
        ScenarioLoader.parse(
                text, "bad.yaml", Resolvers.withSchemes(Fixtures.resolver(""), Map.of()));
    }
}
