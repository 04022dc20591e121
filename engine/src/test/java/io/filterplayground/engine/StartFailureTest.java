package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.filterplayground.engine.error.FilterStartException;
import io.filterplayground.engine.proxy.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A filter that fails to start says why: the failure names the filter and carries the guest's last
 * lines (a Go module explains its unreachable trap only on stderr) and the Wasm stack.
 */
class StartFailureTest {
    private static FilterStartException startFailure(String yaml, Machine machine) {
        return catchThrowableOfType(
                () -> Fixtures.run(Fixtures.yaml(yaml), machine), FilterStartException.class);
    }

    /** go_shaped's runtime cannot grow its first 4 MiB heap arena under a 4-page memory cap. */
    @ParameterizedTest
    @EnumSource(Machine.class)
    void shouldCarryTheGoRuntimesFatalErrorAndTheWasmStack(Machine machine) {
        FilterStartException e =
                startFailure(
                        """
                maxMemoryPages: 4
                filters:
                  - {name: go, wasm: testdata/go_shaped.wasm}
                """,
                        machine);

        assertThat(e).isNotNull();
        assertThat(e.filter()).isEqualTo("go");
        assertThat(e.getMessage())
                .isEqualTo(
                        "go: go_shaped.wasm: _initialize failed: trap in _initialize: Trapped on"
                                + " unreachable instruction");
        assertThat(e.guestOutput())
                .containsExactly(
                        "[error] runtime: out of memory: cannot allocate 4194304-byte block (0 in"
                                + " use)",
                        "[error] fatal error: out of memory");
        assertThat(e.wasmStack())
                .containsExactly("runtime.throw", "runtime.schedinit", "_initialize");
        assertThat(e.details())
                .containsExactly(
                        "The guest's last lines:",
                        "  [error] runtime: out of memory: cannot allocate 4194304-byte block (0"
                                + " in use)",
                        "  [error] fatal error: out of memory",
                        "Wasm stack (innermost first):",
                        "  runtime.throw",
                        "  runtime.schedinit",
                        "  _initialize");
    }

    @Test
    void shouldCarryTheLinesAndStackOfATrapInProxyOnConfigure() {
        FilterStartException e =
                startFailure(
                        """
                filters:
                  - {name: f, wasm: testdata/faults.wasm, configuration: "trap@configure"}
                """,
                        Machine.COMPILED);

        assertThat(e.filter()).isEqualTo("f");
        assertThat(e.getMessage()).startsWith("f: the plugin trapped while starting: trap in");
        assertThat(e.guestOutput()).contains("[info] faults: configure");
        assertThat(e.wasmStack()).last().isEqualTo("proxy_on_configure");
    }

    @Test
    void shouldCarryWhatAPluginLoggedBeforeRejectingItsConfiguration() {
        FilterStartException e =
                startFailure(
                        """
                filters:
                  - {name: rl, wasm: rate-limiter/rate_limiter.wasm, configuration: "{not json"}
                """,
                        Machine.COMPILED);

        assertThat(e.filter()).isEqualTo("rl");
        assertThat(e.guestOutput()).isNotEmpty();
        assertThat(e.wasmStack()).isEmpty();
    }

    @Test
    void shouldNameTheFilterOfANativeOrLuaStartFailureToo() {
        FilterStartException e =
                startFailure(
                        """
                filters:
                  - {name: broken, lua: "function envoy_on_request(h) end end"}
                """,
                        Machine.COMPILED);

        assertThat(e.filter()).isEqualTo("broken");
        assertThat(e.getMessage()).startsWith("broken: Lua syntax error");
    }
}
