package io.filterplayground.engine.scenario;

import java.util.Locale;

/**
 * A module's bytes and where they came from: {@code ref} as written in the scenario (a path
 * relative to it, {@code sample:NAME}, an {@code http(s)://} URL or an {@code oci://} image),
 * {@code name} the file name shown in traces, {@code sha256} the digest the scenario pins it to
 * (null when it pins none).
 */
public record ModuleSource(String ref, String name, byte[] bytes, String sha256) {
    public ModuleSource(String ref, String name, byte[] bytes) {
        this(ref, name, bytes, null);
    }

    /** Fetched over HTTP(S), as Envoy's {@code remote} data source. */
    public boolean remote() {
        return isRemote(ref);
    }

    /** Pulled from an OCI registry, as Istio pulls a WasmPlugin's image. */
    public boolean oci() {
        return isOci(ref);
    }

    public static boolean isRemote(String ref) {
        String r = ref.toLowerCase(Locale.ROOT);
        return r.startsWith("http://") || r.startsWith("https://");
    }

    public static boolean isOci(String ref) {
        return ref.toLowerCase(Locale.ROOT).startsWith("oci://");
    }

    @Override
    public String toString() {
        return ref;
    }
}
