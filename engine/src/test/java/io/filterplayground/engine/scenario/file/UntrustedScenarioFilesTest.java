package io.filterplayground.engine.scenario.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.wasm.ModuleCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario files are untrusted input: whatever they hold or point at, loading one ends quickly, in
 * bounded memory, with one clear ScenarioException (the command line's exit 2 line).
 */
class UntrustedScenarioFilesTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir Path dir;

    private String rejection(Path scenario) {
        return assertTimeoutPreemptively(
                BOUND,
                () -> {
                    Throwable t = catchThrowable(() -> ScenarioLoader.load(scenario));
                    assertThat(t).isInstanceOf(ScenarioException.class);
                    assertThat(t.getMessage()).doesNotContain("\n");
                    return t.getMessage();
                });
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseABillionLaughs() throws IOException {
        // Nine levels of nine aliases: 9^9 "lol"s for a parser that expands them.
        StringBuilder yaml = new StringBuilder("properties:\n  a0: &a0 [lol");
        yaml.append(",lol".repeat(8)).append("]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [*a").append(i - 1);
            yaml.append((",*a" + (i - 1)).repeat(8)).append("]\n");
        }
        assertThat(rejection(write("laughs.yaml", yaml.toString())))
                .startsWith("laughs.yaml: not valid YAML or JSON (line 3")
                .contains("YAML aliases (*a0) are not supported");
    }

    @Test
    void shouldRefuseADeeplyNestedDocument() throws IOException {
        int depth = 200_000;
        String yaml = "properties: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
        assertThat(rejection(write("deep.yaml", yaml))).startsWith("deep.yaml: ");
        String json = "{\"properties\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertThat(rejection(write("deep.json", json))).startsWith("deep.json: ");
    }

    @Test
    void shouldRefuseAHugeScenarioFileWithoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB that takes no disk
        }
        assertThat(rejection(huge)).startsWith(huge + ": ").contains("larger than");
    }

    @Test
    void shouldRefuseAScenarioThatIsADirectoryOrADevice() throws IOException {
        assertThat(rejection(dir)).contains("not a regular file");
        if (Files.exists(Path.of("/dev/zero"))) {
            assertThat(rejection(Path.of("/dev/zero"))).contains("not a regular file");
        }
    }

    @Test
    void shouldRefuseAModulePathThatIsADirectory() throws IOException {
        Files.createDirectory(dir.resolve("module.wasm"));
        String message =
                rejection(write("s.yaml", "filters:\n  - name: f\n    wasm: module.wasm\n"));
        assertThat(message).startsWith("s.yaml: filters[0].wasm: ").contains("not a regular file");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAModuleOrScriptThatIsADevice() throws IOException {
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            String message =
                    rejection(write("s.yaml", "filters:\n  - name: f\n    wasm: " + device + "\n"));
            assertThat(message)
                    .startsWith("s.yaml: filters[0].wasm: ")
                    .contains("not a regular file");
            message =
                    rejection(
                            write(
                                    "l.yaml",
                                    "filters:\n  - name: f\n    luaFile: " + device + "\n"));
            assertThat(message)
                    .startsWith("l.yaml: filters[0].luaFile: ")
                    .contains("not a regular file");
        }
    }

    @Test
    void shouldRefuseAHugeModuleWithoutReadingIt() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("big.wasm").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        String message = rejection(write("s.yaml", "filters:\n  - name: f\n    wasm: big.wasm\n"));
        assertThat(message).startsWith("s.yaml: filters[0].wasm: ").contains("larger than");
    }

    @Test
    void shouldRefuseALargeFileThatIsNotWasmAsOneLine() throws IOException {
        byte[] junk = new byte[32 << 20];
        new java.util.Random(1).nextBytes(junk);
        Files.write(dir.resolve("junk.wasm"), junk);
        // The scenario takes the file (32 MiB is below the cap); the module fails when it loads.
        ScenarioLoader.load(write("s.yaml", "filters:\n  - name: f\n    wasm: junk.wasm\n"));
        byte[] read = Files.readAllBytes(dir.resolve("junk.wasm"));
        assertTimeoutPreemptively(
                BOUND,
                () ->
                        assertThatThrownBy(() -> ModuleCache.load("junk.wasm", read))
                                .isInstanceOf(ModuleLoadException.class)
                                .hasMessage(
                                        "junk.wasm: not a WebAssembly module (the file does not"
                                                + " start with \\0asm)"));
    }

    @Test
    void shouldRefuseAScenarioThatIsNotUtf8() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9, '\n'});
        assertThat(rejection(latin1)).isEqualTo(latin1 + ": the file is not UTF-8 text");
    }
}
