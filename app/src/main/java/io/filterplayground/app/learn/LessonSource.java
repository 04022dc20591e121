package io.filterplayground.app.learn;

import io.filterplayground.app.cli.Inputs;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.scenario.file.ScenarioLoader;
import io.filterplayground.engine.scenario.source.Resolvers;
import io.filterplayground.engine.util.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a lesson's files come from: a folder on disk (a teacher's lesson) or a folder of the
 * classpath (the built-in ones). Only files inside that folder are read ({@code ..} is refused),
 * each within the scenario-file cap; the scenario loads with the {@code sample:} scheme, so a
 * lesson folder copied anywhere still finds the built-in modules.
 */
public sealed interface LessonSource {
    /** A file of the lesson's folder; a {@link LessonException} when it cannot be read. */
    byte[] read(String relative);

    /** The lesson's scenario, loaded as any scenario file is. */
    Scenario scenario(String relative);

    /** Where the lesson is, for messages. */
    String describe();

    /** A lesson folder on disk. */
    record Folder(Path dir) implements LessonSource {
        @Override
        public byte[] read(String relative) {
            Path p = inside(relative);
            try {
                return BoundedFiles.read(p, BoundedFiles.MAX_SCENARIO_BYTES);
            } catch (IOException e) {
                throw new LessonException(p + ": cannot read the file (" + e.getMessage() + ")");
            }
        }

        @Override
        public Scenario scenario(String relative) {
            return ScenarioLoader.load(inside(relative), Inputs.schemes());
        }

        private Path inside(String relative) {
            Path p = dir.resolve(relative).normalize();
            if (relative.contains("..") || !p.startsWith(dir.normalize())) {
                throw new LessonException(
                        dir + ": " + relative + " is outside the lesson's folder");
            }
            return p;
        }

        @Override
        public String describe() {
            return dir.toString();
        }
    }

    /** A lesson folder of the classpath, such as {@code io/filterplayground/samples/lessons/x/}. */
    record Classpath(String folder, ClassLoader loader) implements LessonSource {
        @Override
        public byte[] read(String relative) {
            if (relative.contains("..") || relative.startsWith("/")) {
                throw new LessonException(folder + relative + ": outside the lesson's folder");
            }
            try (InputStream in = loader.getResourceAsStream(folder + relative)) {
                if (in == null) {
                    throw new LessonException(folder + relative + ": no such file in the lesson");
                }
                byte[] b = in.readNBytes((int) BoundedFiles.MAX_SCENARIO_BYTES + 1);
                if (b.length > BoundedFiles.MAX_SCENARIO_BYTES) {
                    throw new LessonException(folder + relative + ": too large");
                }
                return b;
            } catch (IOException e) {
                throw new LessonException(folder + relative + ": " + e.getMessage());
            }
        }

        @Override
        public Scenario scenario(String relative) {
            String text = new String(read(relative), StandardCharsets.UTF_8);
            return ScenarioLoader.parse(
                    text,
                    relative,
                    Resolvers.withSchemes(Resolvers.classpath(folder, loader), Inputs.schemes()));
        }

        @Override
        public String describe() {
            return folder;
        }
    }
}
