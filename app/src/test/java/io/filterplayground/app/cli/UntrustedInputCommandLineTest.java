package io.filterplayground.app.cli;

import static io.filterplayground.app.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.filterplayground.app.cli.CommandLineTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not what they claim get the usual one line and exit 2, quickly. */
class UntrustedInputCommandLineTest {
    @TempDir Path dir;

    private static void assertOneLineExitTwo(Result r, String contains) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("filter-playground: ").contains(contains);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseDevicesAndDirectoriesAsScenariosAndModules() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "filters:\n  - {name: f, wasm: /dev/urandom}\n");
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    assertOneLineExitTwo(exec("run", "/dev/zero"), "not a regular file");
                    assertOneLineExitTwo(exec("test", dir.toString()), "not a regular file");
                    assertOneLineExitTwo(exec("inspect", "/dev/zero"), "not a regular file");
                    assertOneLineExitTwo(
                            exec("run", scenario.toString()),
                            "s.yaml: filters[0].wasm: cannot read '/dev/urandom'");
                });
    }
}
