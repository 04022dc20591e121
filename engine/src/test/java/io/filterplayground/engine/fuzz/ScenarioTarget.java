package io.filterplayground.engine.fuzz;

import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.file.ScenarioWriter;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.scenario.source.ResourceResolver;
import io.filterplayground.samples.SampleModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scenario files: the sample scenarios, mutated, loaded as a user's file would be (modules resolved
 * next to them), then written back and loaded again: what the writer saves, the loader must take.
 */
final class ScenarioTarget implements FuzzTarget {
    private static final String ROOT = "io/filterplayground/samples/";
    private static final Pattern NETWORK = Pattern.compile("(?i)(https?|oci)\\s*:");
    private static final List<String> FOLDERS =
            java.util.stream.Stream.concat(
                            java.util.Arrays.stream(SampleModule.values())
                                    .map(SampleModule::folder),
                            java.util.stream.Stream.of("three-styles", "demo", "testdata"))
                    .toList();

    @Override
    public String name() {
        return "scenario";
    }

    @Override
    public String extension() {
        return "yaml";
    }

    @Override
    public List<byte[]> seeds() {
        List<String> paths = new ArrayList<>();
        for (SampleModule s : SampleModule.values()) {
            paths.addAll(s.scenarioResources());
        }
        paths.add(ROOT + "three-styles/scenario.yaml");
        paths.add(ROOT + "three-styles/scenario-ratelimit.yaml");
        paths.add(ROOT + "demo/scenario.yaml");
        List<byte[]> seeds = new ArrayList<>();
        for (String p : paths) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(p)) {
                if (in != null) {
                    seeds.add(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return seeds;
    }

    @Override
    public List<String> dictionary() {
        return List.of(
                ": ",
                "- ",
                "{",
                "}",
                "[",
                "]",
                "\n",
                "\n  ",
                "\n    - ",
                ", ",
                "\"",
                "'",
                "&a ",
                "*a",
                "~",
                "null",
                "true",
                "-1",
                "0",
                "1e309",
                "99999999999999999999",
                "0x1F",
                ".inf",
                "!!binary ",
                "!!str ",
                "? ",
                "|\n  ",
                "{{$i}}",
                "{{$uuid}}",
                "{{x}}",
                "workers: ",
                "filters:",
                "requests:",
                "steps:",
                "repeat: ",
                "burst: ",
                "advance: ",
                "expect:",
                "status: ",
                "bodyBase64: ",
                "body: ",
                "headers: ",
                "configuration: ",
                "rootId: ",
                "vmId: ",
                "native: ",
                "lua: ",
                "luaFile: ",
                "wasm: ",
                "sample:hello-abi",
                "sha256: ",
                "inject: ",
                "failurePolicy: ",
                "callbackTimeout: ",
                "maxMemoryPages: ",
                "bufferLimit: ",
                "variables: ",
                "properties: ",
                "clusters: ",
                "mock: ",
                "grpc: ",
                "delay: ",
                "bodyChunks: ",
                "services: ",
                "clock: virtual",
                "logLevel: ",
                "\t",
                "\u0000",
                "\uFEFF",
                "é");
    }

    @Override
    public long limitMillis() {
        return 10_000;
    }

    /** Remote modules and registries would be fetched while the file loads. */
    @Override
    public boolean skip(byte[] input) {
        return NETWORK.matcher(new String(input, StandardCharsets.ISO_8859_1)).find();
    }

    @Override
    public void run(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Scenario s = ScenarioLoader.parse(text, "fuzz.yaml", resolver());
        String written = ScenarioWriter.toYaml(s);
        try {
            ScenarioLoader.parse(written, "written.yaml", resolver());
        } catch (ScenarioException e) {
            throw new IllegalStateException(
                    "the writer saved a scenario the loader refuses: " + e.getMessage(), e);
        }
    }

    /**
     * Files next to a sample scenario: {@code ../x/x.wasm} against any sample folder (all are one
     * level under ROOT), a bare file name in the folder that has it.
     */
    private static ResourceResolver resolver() {
        ClassLoader loader = ScenarioTarget.class.getClassLoader();
        ResourceResolver nextToASample = Resolvers.classpath(ROOT + "fuzz/", loader);
        return ref -> {
            try {
                return nextToASample.read(ref);
            } catch (IOException e) {
                for (String folder : FOLDERS) {
                    try (InputStream in = loader.getResourceAsStream(ROOT + folder + "/" + ref)) {
                        if (in != null && !ref.contains("/")) {
                            return in.readAllBytes();
                        }
                    }
                }
                throw e;
            }
        };
    }
}
