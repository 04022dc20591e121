package io.filterplayground.app.learn;

import io.filterplayground.engine.util.BoundedFiles;
import io.filterplayground.samples.Lessons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built-in lessons, and lessons opened from disk ("Open lesson…"). */
public final class LessonCatalog {
    /** The file a lesson folder holds its text in. */
    public static final String LESSON_FILE = "lesson.md";

    private LessonCatalog() {}

    /** The built-in lessons, numbered from 1. */
    public static List<Lesson> builtIn() {
        List<Lesson> out = new ArrayList<>();
        for (int i = 0; i < Lessons.FOLDERS.size(); i++) {
            out.add(builtIn(i + 1));
        }
        return out;
    }

    /** Built-in lesson {@code n} (from 1). */
    public static Lesson builtIn(int n) {
        if (n < 1 || n > Lessons.FOLDERS.size()) {
            throw new LessonException(
                    "no lesson " + n + " (the lessons are 1 to " + Lessons.FOLDERS.size() + ")");
        }
        String folder = Lessons.FOLDERS.get(n - 1);
        LessonSource source =
                new LessonSource.Classpath(
                        Lessons.resourceFolder(folder), LessonCatalog.class.getClassLoader());
        String text = new String(source.read(LESSON_FILE), StandardCharsets.UTF_8);
        return LessonFormat.parse(text, folder + "/" + LESSON_FILE, folder, source).numbered(n);
    }

    /**
     * A lesson on disk: its {@code lesson.md}, or the folder holding it. Its progress is keyed by
     * the folder's absolute path.
     */
    public static Lesson open(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(LESSON_FILE) : path;
        Path dir = file.toAbsolutePath().normalize().getParent();
        String text;
        try {
            byte[] bytes = BoundedFiles.read(file, LessonFormat.MAX_CHARS);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LessonException(file + ": the file is not UTF-8 text");
        } catch (IOException e) {
            throw new LessonException(file + ": cannot read the lesson (" + e.getMessage() + ")");
        }
        return LessonFormat.parse(
                text, file.toString(), dir.toString(), new LessonSource.Folder(dir));
    }
}
