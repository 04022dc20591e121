package io.filterplayground.engine.scenario;

/**
 * A module's bytes and where they came from: {@code ref} as written in the scenario (a path
 * relative to it, {@code sample:NAME}, or an {@code http(s)://} URL), {@code name} the file name
 * shown in traces, {@code sha256} the digest the scenario pins it to (null when it pins none).
 */
public record ModuleSource(String ref, String name, byte[] bytes, String sha256) {
    public ModuleSource(String ref, String name, byte[] bytes) {
        this(ref, name, bytes, null);
    }

    public boolean remote() {
        return RemoteModules.isRemote(ref);
    }

    @Override
    public String toString() {
        return ref;
    }
}
