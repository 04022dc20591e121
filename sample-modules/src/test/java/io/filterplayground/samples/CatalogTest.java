package io.filterplayground.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CatalogTest {
    /** "\0asm" followed by binary format version 1, little-endian. */
    private static final byte[] WASM_HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @ParameterizedTest
    @EnumSource(SampleModule.class)
    void shouldLoadEverySampleModule(SampleModule sample) {
        assertThat(sample.resourcePath())
                .isEqualTo(
                        "io/filterplayground/samples/" + sample.folder() + "/" + sample.wasmFile());
        assertThat(Arrays.copyOf(sample.wasmBytes(), WASM_HEADER.length)).isEqualTo(WASM_HEADER);
        assertThat(sample.description()).isNotBlank();
        assertThat(sample.language()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(SampleModule.class)
    void shouldShipScenariosThatNameTheModule(SampleModule sample) {
        assertThat(sample.scenarioResource()).isEqualTo(sample.resourceFolder() + "scenario.yaml");
        assertThat(sample.scenarioResources()).first().isEqualTo(sample.scenarioResource());
        for (String scenario : sample.scenarioResources()) {
            assertThat(Resources.exists(scenario)).as(scenario).isTrue();
            assertThat(Resources.text(scenario))
                    .as(scenario)
                    .contains("wasm: " + sample.wasmFile())
                    .contains("expect:");
        }
        assertThat(sample.scenarioText()).containsAnyOf("requests:", "steps:");
    }

    @ParameterizedTest
    @EnumSource(TestModule.class)
    void shouldLoadEveryTestModule(TestModule module) {
        assertThat(module.resourcePath())
                .isEqualTo("io/filterplayground/samples/testdata/" + module.wasmFile());
        assertThat(Arrays.copyOf(module.wasmBytes(), WASM_HEADER.length)).isEqualTo(WASM_HEADER);
        assertThat(module.description()).isNotBlank();
    }

    /** Surefire runs in the module directory, where the sample folders are. */
    @Test
    void shouldCatalogEveryCommittedModule() throws IOException {
        Set<String> cataloged =
                Stream.concat(
                                Arrays.stream(SampleModule.values())
                                        .map(s -> s.folder() + "/" + s.wasmFile()),
                                Arrays.stream(TestModule.values())
                                        .map(m -> m.folder() + "/" + m.wasmFile()))
                        .collect(Collectors.toSet());
        Set<String> committed;
        try (Stream<Path> files = Files.walk(Path.of("."), 2)) {
            committed =
                    files.filter(p -> p.toString().endsWith(".wasm"))
                            .map(p -> Path.of(".").relativize(p).toString().replace('\\', '/'))
                            .filter(p -> !p.startsWith("target/") && !p.startsWith("rust-target/"))
                            .collect(Collectors.toSet());
        }
        assertThat(cataloged).isEqualTo(committed);
    }

    /** Every folder of lessons/ is listed, in order, and ships its lesson and scenario. */
    @Test
    void shouldCatalogEveryLessonInOrder() throws IOException {
        java.util.List<String> folders;
        try (Stream<Path> dirs = Files.list(Path.of("lessons"))) {
            folders =
                    dirs.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString())
                            .sorted()
                            .toList();
        }
        assertThat(Lessons.FOLDERS).isEqualTo(folders).hasSize(10);
        for (String folder : Lessons.FOLDERS) {
            assertThat(Lessons.lessonText(folder)).as(folder).startsWith("---\ntitle: ");
            assertThat(Resources.exists(Lessons.resourceFolder(folder) + "scenario.yaml"))
                    .as(folder)
                    .isTrue();
        }
    }
}
