package io.filterplayground.engine.scenario.source;

import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The usual {@link ResourceResolver}s: files next to the scenario, classpath resources, schemes.
 */
public final class Resolvers {
    private Resolvers() {}

    /** Paths relative to {@code baseDir}; absolute paths as they are. */
    public static ResourceResolver files(Path baseDir) {
        return ref -> {
            Path p = baseDir.resolve(ref).normalize();
            try {
                return BoundedFiles.read(p, BoundedFiles.MAX_MODULE_BYTES);
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + p);
            }
        };
    }

    /** Resources relative to {@code baseDir} (a classpath folder such as {@code a/b/}). */
    public static ResourceResolver classpath(String baseDir, ClassLoader loader) {
        return ref -> {
            String path = normalise(baseDir + ref);
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IOException("no such resource: " + path);
                }
                return in.readAllBytes();
            }
        };
    }

    /**
     * Routes {@code scheme:rest} references to their resolver, everything else to {@code fallback}.
     */
    public static ResourceResolver withSchemes(
            ResourceResolver fallback, Map<String, ResourceResolver> schemes) {
        return ref -> {
            int colon = ref.indexOf(':');
            if (colon > 1) {
                ResourceResolver r = schemes.get(ref.substring(0, colon));
                if (r != null) {
                    return r.read(ref.substring(colon + 1));
                }
            }
            return fallback.read(ref);
        };
    }

    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }
}
