package io.filterplayground.engine.report;

import io.filterplayground.engine.report.envoy.ComposeExport;
import io.filterplayground.engine.report.envoy.EnvoyBootstrap;
import io.filterplayground.engine.report.envoy.IstioWasmPlugins;
import io.filterplayground.engine.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;

/**
 * Leaving the playground: the scenario's chain as an Envoy bootstrap (listener, HTTP connection
 * manager with the filters in order, router, clusters, Wasm services) and as Istio {@code
 * WasmPlugin} resources. Mock clusters have no Envoy equivalent; they become static clusters to
 * point at a real backend, with a note.
 */
public final class EnvoyExport {
    private EnvoyExport() {}

    /** Envoy static bootstrap YAML; {@code moduleDir} is where the .wasm files will live. */
    public static String envoy(Scenario s, String moduleDir) {
        return EnvoyBootstrap.of(s, moduleDir);
    }

    /**
     * The bootstrap, the modules in {@code wasm/} and a {@code compose.yaml} that runs them in
     * Envoy's Docker image, written into {@code dir}; returns the files.
     */
    public static List<Path> compose(Scenario s, Path dir) {
        return ComposeExport.write(s, dir);
    }

    /**
     * One Istio {@code WasmPlugin} per Wasm filter, in chain order (higher priority runs first
     * within the phase). {@code imageBase} prefixes each module's OCI image name.
     */
    public static String istio(Scenario s, String imageBase) {
        return IstioWasmPlugins.of(s, imageBase);
    }
}
