package io.filterplayground.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.app.request.KeptFiles;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The steps met in each lesson, kept across runs of the app in {@code lessons.json} beside the
 * window's {@code history.json}: {@code {"lessons": {"01-three-ways": ["1", "2"]}}}, keyed by
 * {@link Lesson#id()}. A file that cannot be read is set aside ({@code .bad}) and progress starts
 * empty, as the history does; a file that cannot be written loses nothing but the save.
 */
public final class ProgressStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public ProgressStore(Path file) {
        this.file = file;
    }

    /** {@code ~/.filter-playground/lessons.json}, or under {@code -Dfilterplayground.home}. */
    public static ProgressStore inUserHome() {
        return new ProgressStore(KeptFiles.home().resolve("lessons.json"));
    }

    public Path file() {
        return file;
    }

    /** The step ids met in a lesson (empty when none or unreadable). */
    public synchronized Set<String> load(String lessonId) {
        Set<String> out = new LinkedHashSet<>();
        read().path("lessons").path(lessonId).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Keeps the step ids met in a lesson; false when the file cannot be written. */
    public synchronized boolean save(String lessonId, Set<String> stepIds) {
        ObjectNode root = read();
        ObjectNode lessons = root.with("lessons");
        stepIds.forEach(lessons.putArray(lessonId)::add);
        return write(root);
    }

    /** Forgets a lesson's progress. */
    public synchronized boolean reset(String lessonId) {
        ObjectNode root = read();
        root.with("lessons").remove(lessonId);
        return write(root);
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(BoundedFiles.read(file, BoundedFiles.MAX_SCENARIO_BYTES));
            if (n instanceof ObjectNode o && o.path("lessons").isObject()) {
                return o;
            }
            throw new IOException("not a progress file");
        } catch (IOException | RuntimeException e) {
            KeptFiles.setAside(file);
            return JSON.createObjectNode();
        }
    }

    private boolean write(ObjectNode root) {
        return KeptFiles.write(file, JSON, root);
    }
}
