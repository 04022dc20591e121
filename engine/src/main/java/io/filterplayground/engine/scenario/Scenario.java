package io.filterplayground.engine.scenario;

import io.filterplayground.engine.abi.LogLevel;
import java.util.List;
import java.util.Map;

/**
 * A playground scenario (cli-contract.md): workers, clock, clusters, the filter chain, services,
 * and the requests to fire. Immutable; the GUI edits a copy and writes it back as YAML.
 */
public record Scenario(
        String source,
        int workers,
        ClockMode clock,
        LogLevel logLevel,
        long seed,
        boolean canary,
        long callbackTimeoutMillis,
        int maxMemoryPages,
        int bufferLimitBytes,
        Map<String, ClusterSpec> clusters,
        String route,
        Map<String, Object> properties,
        List<FilterSpec> filters,
        List<ServiceSpec> services,
        List<Step> steps,
        Map<String, String> variables,
        java.time.Instant startTime) {

    public Scenario {
        variables =
                variables == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(variables));
    }

    /**
     * Virtual time moves only through advance steps, from {@code startTime} (null: {@code
     * VirtualClock.START_EPOCH_NANOS}); real time is the machine's.
     */
    public enum ClockMode {
        REAL,
        VIRTUAL
    }

    public Scenario withFilters(List<FilterSpec> newFilters) {
        return new Scenario(
                source,
                workers,
                clock,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                clusters,
                route,
                properties,
                List.copyOf(newFilters),
                services,
                steps,
                variables,
                startTime);
    }

    public Scenario withWorkers(int n) {
        return new Scenario(
                source,
                n,
                clock,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                clusters,
                route,
                properties,
                filters,
                services,
                steps,
                variables,
                startTime);
    }

    public Scenario withClock(ClockMode mode) {
        return new Scenario(
                source,
                workers,
                mode,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                clusters,
                route,
                properties,
                filters,
                services,
                steps,
                variables,
                startTime);
    }

    public Scenario withClusters(Map<String, ClusterSpec> newClusters, String newRoute) {
        return new Scenario(
                source,
                workers,
                clock,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                Map.copyOf(newClusters),
                newRoute,
                properties,
                filters,
                services,
                steps,
                variables,
                startTime);
    }

    public Scenario withVariables(Map<String, String> newVariables) {
        return new Scenario(
                source,
                workers,
                clock,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                clusters,
                route,
                properties,
                filters,
                services,
                steps,
                newVariables,
                startTime);
    }

    /** What replaces {@code {{name}}} in this scenario's requests. */
    public Variables expander() {
        return new Variables(variables, seed);
    }

    public Scenario withSteps(List<Step> newSteps) {
        return new Scenario(
                source,
                workers,
                clock,
                logLevel,
                seed,
                canary,
                callbackTimeoutMillis,
                maxMemoryPages,
                bufferLimitBytes,
                clusters,
                route,
                properties,
                filters,
                services,
                List.copyOf(newSteps),
                variables,
                startTime);
    }

    /**
     * The request steps, in order (the {@code requests:} list, or the requests among {@code
     * steps:}).
     */
    public List<RequestSpec> requests() {
        return steps.stream()
                .filter(s -> s instanceof Step.Send)
                .map(s -> ((Step.Send) s).request())
                .toList();
    }
}
