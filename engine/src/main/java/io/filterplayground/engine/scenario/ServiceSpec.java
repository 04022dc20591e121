package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * A Wasm service (Envoy's {@code envoy.bootstrap.wasm}): singleton runs one VM on the main thread,
 * otherwise one per worker. Services join timers, queues and shared data, never streams.
 */
public record ServiceSpec(
        String name,
        ModuleSource wasm,
        String rootId,
        String vmId,
        String configuration,
        String vmConfiguration,
        boolean singleton,
        Map<String, String> environment) {}
