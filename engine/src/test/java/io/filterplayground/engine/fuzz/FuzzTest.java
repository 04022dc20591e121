package io.filterplayground.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutation fuzzing of the untrusted inputs: scenario files, Lua scripts, module bytes. Each
 * input must end in a result or one clear error: no other exception, no hang. A couple of seconds
 * per target in the default suite; {@code mvn -Pfuzz -pl engine -am verify -Dfuzz.seconds=600}
 * shares ten minutes between them (a fresh seed each run unless {@code -Dfuzz.seed=N}). Findings
 * land in {@code engine/target/fuzz-findings/}: fix them, then keep each input in {@code
 * src/test/resources/fuzz/<target>/}, which FuzzRegressionTest replays.
 */
class FuzzTest {
    static Stream<FuzzTarget> targets() {
        return Stream.of(new ScenarioTarget(), new LuaTarget(), new ModuleTarget());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void shouldEndEveryInputInAResultOrOneClearError(FuzzTarget target) throws IOException {
        double seconds = Double.parseDouble(System.getProperty("fuzz.seconds", "6"));
        String seedProperty = System.getProperty("fuzz.seed", "");
        long seed =
                seedProperty.isBlank()
                        ? (System.getProperty("fuzz.seconds") == null ? 1 : System.nanoTime())
                        : Long.parseLong(seedProperty);
        long millis = (long) (seconds * 1000 / targets().count());
        Path out = Path.of("target", "fuzz-findings");
        Fuzzer.Report report = new Fuzzer(target).fuzz(seed, millis, out);
        System.out.println(report);
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("report-" + target.name() + ".txt"), report + System.lineSeparator());
        // Some inputs must get through: a harness that rejects everything tests nothing.
        assertThat(report.results()).as(report.toString()).isPositive();
        assertThat(report.findings()).as(report.toString()).isEmpty();
    }
}
