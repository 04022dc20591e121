package io.filterplayground.engine.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A module's bytes and where they came from: {@code ref} as written in the scenario (a path
 * relative to it, {@code sample:NAME}, an {@code http(s)://} URL or an {@code oci://} image; or
 * {@code inline:NAME} for bytes an imported Envoy configuration held, written out with the
 * scenario), {@code name} the file name shown in traces, {@code sha256} the digest the scenario
 * pins it to (null when it pins none).
 */
public record ModuleSource(String ref, String name, byte[] bytes, String sha256) {
    /** The scheme of a module that has no file yet: Envoy's {@code inline_bytes}. */
    public static final String INLINE = "inline:";

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

    /** Held in memory until the scenario is written ({@link #INLINE}). */
    public boolean inline() {
        return isInline(ref);
    }

    public static boolean isInline(String ref) {
        return ref.startsWith(INLINE);
    }

    /** The file name an inline module is written as. */
    public static String inlineName(String ref) {
        return ref.substring(INLINE.length());
    }

    /** Every module a scenario names: its filters', services' and access loggers'. */
    public static List<ModuleSource> allOf(Scenario s) {
        List<ModuleSource> all = new ArrayList<>();
        for (FilterSpec f : s.allFilters()) {
            if (f instanceof WasmFilterSpec w) {
                all.add(w.plugin().module());
            }
        }
        s.services().forEach(svc -> all.add(svc.plugin().module()));
        s.accessLoggers().forEach(a -> all.add(a.plugin().module()));
        return all;
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
