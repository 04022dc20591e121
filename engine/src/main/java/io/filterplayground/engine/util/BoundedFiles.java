package io.filterplayground.engine.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads files named by untrusted input (a scenario, the modules and scripts it names, files the
 * user opens): only regular files, never more than a cap. A directory, a device such as {@code
 * /dev/zero}, a FIFO or an oversized file is refused before any byte is read, with a plain reason;
 * a file that grows while it is read (or a {@code /proc} file that reports size 0) stops at the cap
 * too.
 */
public final class BoundedFiles {
    /** A scenario or lesson file: text, far below this. */
    public static final long MAX_SCENARIO_BYTES = 16L << 20;

    /** A module or a script a scenario names, a module the user opens. */
    public static final long MAX_MODULE_BYTES = 256L << 20;

    private BoundedFiles() {}

    /** The bytes of {@code file}; an IOException with a plain message when it cannot be taken. */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException("no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    file
                            + " is not a regular file ("
                            + (Files.isDirectory(file) ? "a directory" : "a device or a pipe")
                            + ")");
        }
        if (Files.size(file) > maxBytes) {
            throw tooLarge(file, maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(file, maxBytes);
            }
            return bytes;
        }
    }

    private static IOException tooLarge(Path file, long maxBytes) {
        return new IOException(file + " is larger than " + (maxBytes >> 20) + " MiB");
    }
}
