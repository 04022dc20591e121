package io.filterplayground.engine.wasm.store;

import io.filterplayground.engine.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What an entry's name depends on besides the module: the store's format and the way the engine
 * calls the compiler ({@link #FORMAT}: change it with either), Chicory's version (its compiler
 * writes the classes and its runtime runs them) and the playground's. A new version of either reads
 * none of the old entries; they age out by the size bound.
 */
record StoreKey(String chicory, String playground) {
    /** The entry layout and the compiler options of {@code LoadedModule} (interpreter fallback). */
    static final String FORMAT = "fpmc-2 interpreter-fallback=silent";

    static final String UNKNOWN = "dev";

    static StoreKey current() {
        return new StoreKey(
                version("com.dylibso.chicory", "compiler"),
                version("io.filterplayground", "engine"));
    }

    /** The hex SHA-256 of the format, the versions and Chicory's digest of the module. */
    String entryName(String moduleDigest) {
        String text = FORMAT + "\n" + chicory + "\n" + playground + "\n" + moduleDigest;
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Maven artifact's version from the {@code pom.properties} its jar carries (the app's shaded
     * jar keeps them all). The engine's own is absent when it runs from its classes directory (its
     * tests): "dev" then, which the format still separates from every release.
     */
    static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = StoreKey.class.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
