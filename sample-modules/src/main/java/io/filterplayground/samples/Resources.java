package io.filterplayground.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the files that the build copies from each sample folder into the jar. */
final class Resources {
    /** Root of the packaged sample folders: {@code io/filterplayground/samples/<folder>/<file>}. */
    static final String ROOT = "io/filterplayground/samples/";

    private Resources() {}

    static String path(String folder, String file) {
        return ROOT + folder + "/" + file;
    }

    static boolean exists(String resourcePath) {
        return Resources.class.getClassLoader().getResource(resourcePath) != null;
    }

    static byte[] bytes(String resourcePath) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing resource "
                                + resourcePath
                                + " (run sample-modules/build.sh, then rebuild the jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + resourcePath, e);
        }
    }

    static String text(String resourcePath) {
        return new String(bytes(resourcePath), StandardCharsets.UTF_8);
    }
}
