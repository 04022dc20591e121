package io.filterplayground.app.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small JSON files the app keeps across runs (the history, lesson progress) in one folder: a
 * file that cannot be read is set aside as {@code .bad}, never overwritten, and a file is written
 * whole or not at all.
 */
public final class KeptFiles {
    /** Where the files live unless {@code -Dfilterplayground.home} says otherwise. */
    private static final String HOME = "filterplayground.home";

    private KeptFiles() {}

    /** {@code ~/.filter-playground}, or {@code -Dfilterplayground.home}. */
    public static Path home() {
        String home = System.getProperty(HOME);
        return home != null
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".filter-playground");
    }

    /** Renames an unreadable file to {@code <name>.bad}; it stays when even that fails. */
    public static void setAside(Path file) {
        try {
            Files.move(
                    file,
                    file.resolveSibling(file.getFileName() + ".bad"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // It stays where it is; the next save replaces it.
        }
    }

    /** Writes {@code root} to {@code file} through a temporary file; false when it cannot. */
    public static boolean write(Path file, ObjectMapper json, JsonNode root) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
