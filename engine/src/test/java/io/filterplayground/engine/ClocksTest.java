package io.filterplayground.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.trace.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every clock a guest reads (WASI realtime and monotonic, their resolution, the proxy clock) tells
 * the scenario's time, and none of them reads 0: Go's runtime refuses to start on a zero nanotime.
 */
class ClocksTest {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)(?:/(\\d+))?");
    private static final long SECOND = 1_000_000_000L;

    private static List<String> messages(RunResult r) {
        return r.logs().stream().map(LogEvent::message).toList();
    }

    /** The numbers of the clocks module's lines that start with {@code prefix}, in order. */
    private static List<Map<String, Long>> lines(RunResult r, String prefix) {
        return messages(r).stream()
                .filter(m -> m.startsWith(prefix))
                .map(
                        m -> {
                            Matcher f = FIELD.matcher(m);
                            Map<String, Long> out = new java.util.LinkedHashMap<>();
                            while (f.find()) {
                                out.put(f.group(1), Long.parseLong(f.group(2)));
                                if (f.group(3) != null) {
                                    out.put(f.group(1) + "2", Long.parseLong(f.group(3)));
                                }
                            }
                            return out;
                        })
                .collect(Collectors.toList());
    }

    private static long nanos(String instant) {
        Instant t = Instant.parse(instant);
        return t.getEpochSecond() * SECOND + t.getNano();
    }

    @Test
    void shouldGiveEveryClockTheScenarioStartTimeAndMoveThemTogether() {
        RunResult r =
                Fixtures.run(
                        """
                workers: 1
                clock: virtual
                startTime: 2030-06-01T14:00:00+02:00
                filters:
                  - {name: clocks, wasm: testdata/clocks.wasm}
                steps:
                  - advance: 2s
                """);

        long start = nanos("2030-06-01T12:00:00Z");
        // The canary's VM and the worker's VM both start at t = +0.
        assertThat(lines(r, "clocks: start"))
                .hasSize(2)
                .allSatisfy(
                        l -> {
                            assertThat(l.get("realtime")).isEqualTo(start);
                            assertThat(l.get("proxy")).isEqualTo(start);
                            assertThat(l.get("monotonic")).isEqualTo(3600 * SECOND);
                            assertThat(l.get("res")).isEqualTo(1);
                            assertThat(l.get("res2")).isEqualTo(1);
                            assertThat(l.get("bad_ptr")).isEqualTo(21);
                            assertThat(l.get("cputime")).isEqualTo(58);
                        });
        List<Map<String, Long>> ticks = lines(r, "clocks: tick");
        assertThat(ticks).hasSize(2);
        for (int i = 0; i < 2; i++) {
            long elapsed = (i + 1) * SECOND;
            assertThat(ticks.get(i).get("realtime")).isEqualTo(start + elapsed);
            assertThat(ticks.get(i).get("proxy")).isEqualTo(start + elapsed);
            assertThat(ticks.get(i).get("monotonic")).isEqualTo(3600 * SECOND + elapsed);
        }
    }

    @Test
    void shouldStartTheVirtualClockOnAFixedDateByDefault() {
        RunResult r =
                Fixtures.run(
                        """
                clock: virtual
                filters:
                  - {name: clocks, wasm: testdata/clocks.wasm}
                """);

        assertThat(lines(r, "clocks: start"))
                .allSatisfy(
                        l ->
                                assertThat(l.get("realtime"))
                                        .isEqualTo(nanos("2026-01-01T00:00:00Z")));
    }

    @Test
    void shouldReadTheMachineClocksOnTheRealClockWithoutAZeroMonotonic() {
        long before = System.currentTimeMillis() * 1_000_000L;
        RunResult r =
                Fixtures.run(
                        """
                filters:
                  - {name: clocks, wasm: testdata/clocks.wasm}
                """);
        long after = System.currentTimeMillis() * 1_000_000L;

        List<Map<String, Long>> starts = lines(r, "clocks: start");
        assertThat(starts).hasSize(2);
        for (Map<String, Long> l : starts) {
            assertThat(l.get("realtime")).isBetween(before - SECOND, after + SECOND);
            assertThat(l.get("proxy")).isBetween(before - SECOND, after + SECOND);
            assertThat(l.get("monotonic")).isGreaterThanOrEqualTo(3600 * SECOND);
        }
        // Monotonic: the worker's VM starts after the canary's.
        assertThat(starts.get(1).get("monotonic"))
                .isGreaterThanOrEqualTo(starts.get(0).get("monotonic"));
    }

    @Test
    void shouldKeepTheStartTimeWhenTheScenarioIsWrittenBack() {
        Scenario s =
                Fixtures.yaml(
                        """
                clock: virtual
                startTime: "2030-06-01T12:00:00Z"
                """);

        assertThat(s.startTime()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
        assertThat(ScenarioWriter.toYaml(s, ref -> ref))
                .contains("startTime: 2030-06-01T12:00:00Z");
        assertThat(Fixtures.yaml(ScenarioWriter.toYaml(s, ref -> ref)).startTime())
                .isEqualTo(s.startTime());
    }

    @Test
    void shouldRejectAStartTimeThatIsNoInstant() {
        assertThatThrownBy(() -> Fixtures.yaml("clock: virtual\nstartTime: yesterday\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("startTime")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Fixtures.yaml("clock: virtual\nstartTime: 1969-12-31T00:00:00Z\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("between 1970 and 2262");
    }
}
