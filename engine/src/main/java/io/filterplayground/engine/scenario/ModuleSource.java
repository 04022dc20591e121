package io.filterplayground.engine.scenario;

/**
 * A module's bytes and where they came from: {@code ref} as written in the scenario (a path
 * relative to it, or {@code sample:NAME}), {@code name} the file name shown in traces.
 */
public record ModuleSource(String ref, String name, byte[] bytes) {
    @Override
    public String toString() {
        return ref;
    }
}
