package io.filterplayground.app.cli;

import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loads what the user names on the command line, with the {@code sample:} scheme for modules. */
public final class Inputs {
    private Inputs() {}

    /**
     * {@code sample:add-header} is a built-in sample module; {@code sample:testdata/faults} a test
     * module. Lets scenarios and the GUI refer to the catalog without file paths.
     */
    public static final ResourceResolver SAMPLES =
            ref -> {
                for (SampleModule s : SampleModule.values()) {
                    if (s.folder().equals(ref) || s.wasmFile().equals(ref)) {
                        return s.wasmBytes();
                    }
                }
                for (TestModule t : TestModule.values()) {
                    String base = t.wasmFile().replace(".wasm", "");
                    if (ref.equals("testdata/" + base)
                            || ref.equals(base)
                            || ref.equals(t.wasmFile())) {
                        return t.wasmBytes();
                    }
                }
                throw new IOException("no built-in sample named '" + ref + "'");
            };

    public static Map<String, ResourceResolver> schemes() {
        return Map.of("sample", SAMPLES);
    }

    public static Scenario scenario(Path file) {
        return ScenarioLoader.load(file, schemes());
    }
}
