package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.trace.TrapEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trap names the Wasm functions it unwound through, on either machine. */
class TrapStackTest {
    private static List<String> stackOfTrap(String fault, Machine machine) {
        RunResult r =
                Fixtures.run(
                        Fixtures.yaml(
                                "workers: 1\nfilters:\n"
                                        + "  - {name: faulty, wasm: testdata/faults.wasm,"
                                        + " configuration: \""
                                        + fault
                                        + "\"}\nrequests:\n  - {name: one}\n"),
                        machine);
        return r.exchanges().get(0).events().stream()
                .filter(e -> e instanceof TrapEvent)
                .map(e -> ((TrapEvent) e).stack())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldGiveTheInterpretersTrapTheSameStackAsTheCompiledMachines() {
        List<String> compiled = stackOfTrap("trap@request_headers", Machine.COMPILED);
        List<String> interpreted = stackOfTrap("trap@request_headers", Machine.INTERPRETER);
        assertThat(interpreted).isNotEmpty().isEqualTo(compiled);
        assertThat(interpreted.get(interpreted.size() - 1)).isEqualTo("proxy_on_request_headers");
    }
}
