package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {
    @Test
    void shouldRewriteModulePathsForTheNewFolder(@TempDir Path dir) {
        Path from = dir.resolve("a/b");
        Path to = dir.resolve("c");
        UnaryOperator<String> refs = ScenarioFiles.refs(from, to);
        assertThat(refs.apply("sample:deny")).isEqualTo("sample:deny");
        assertThat(refs.apply("../m/x.wasm")).isEqualTo("../a/m/x.wasm");
        assertThat(refs.apply(dir.resolve("c/y.wasm").toString())).isEqualTo("y.wasm");
    }

    @Test
    void shouldSaveTheDemoSoThatItOpensAgain(@TempDir Path dir) throws Exception {
        Scenario demo = ScenarioFiles.demo();
        Path file = dir.resolve("demo.yaml");
        ScenarioFiles.save(demo, null, file);
        assertThat(Files.readString(file)).contains("wasm: sample:add-header");
        Scenario back = ScenarioFiles.open(file);
        assertThat(back.filters()).hasSize(5);
        assertThat(back.services()).hasSize(1);
        assertThat(back.requests()).hasSize(4);
        assertThat(back.workers()).isEqualTo(2);
    }
}
