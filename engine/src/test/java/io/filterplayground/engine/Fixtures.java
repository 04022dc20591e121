package io.filterplayground.engine;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import io.filterplayground.engine.trace.TraceDetail;
import io.filterplayground.engine.trace.TraceSink;
import io.filterplayground.samples.SampleModule;
import java.nio.charset.StandardCharsets;

/** Scenarios for tests, with modules from the sample catalog on the classpath. */
public final class Fixtures {
    /** Module paths in test scenarios are relative to the samples root: {@code deny/deny.wasm}. */
    public static final String ROOT = "io/filterplayground/samples/";

    private Fixtures() {}

    public static ResourceResolver resolver(String folder) {
        return Resolvers.classpath(ROOT + folder, Fixtures.class.getClassLoader());
    }

    /** A scenario written inline; {@code wasm: testdata/faults.wasm} etc. */
    public static Scenario yaml(String text) {
        return ScenarioLoader.parse(text, "test.yaml", resolver(""));
    }

    /** A sample's own scenario file, resolved next to it. */
    public static Scenario sample(SampleModule m, String file) {
        return sample(m.folder(), file);
    }

    /** A scenario file of a folder of {@code sample-modules/}, resolved next to it. */
    public static Scenario sample(String folder, String file) {
        String text;
        try (var in =
                Fixtures.class.getClassLoader().getResourceAsStream(ROOT + folder + "/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ScenarioLoader.parse(text, folder + "/" + file, resolver(folder + "/"));
    }

    public static RunResult run(Scenario s) {
        return run(s, Machine.COMPILED);
    }

    public static RunResult run(Scenario s, Machine machine) {
        try {
            return ScenarioRunner.run(
                    s, new Playground.Options(machine, TraceDetail.FULL), TraceSink.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static RunResult run(String yamlText) {
        return run(yaml(yamlText));
    }
}
