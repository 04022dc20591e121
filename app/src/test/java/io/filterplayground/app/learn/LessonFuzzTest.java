package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.samples.Lessons;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the built-in lessons: a damaged lesson is read or refused with a {@link
 * LessonException}, never another exception.
 */
class LessonFuzzTest {
    private static final String[] INSERTS = {
        ":",
        " ",
        "\n",
        "-",
        "{",
        "}",
        "[",
        "]",
        "`",
        "```step\n",
        "```\n",
        "---\n",
        "&a ",
        "*a",
        "null",
        "~",
        "\"",
        "'",
        "check:",
        "do:",
        "- ",
        "0",
        "-1",
        "1e9",
        "\t",
        "workers:",
        "edit:",
        "send:",
        "show:",
        "tab:",
        "count:",
        "\u0000",
        "\uFFFF",
        "#"
    };

    @Test
    void shouldReadOrRefuseEveryMutatedLessonWithOneLine() {
        Random random = new Random(20261206);
        List<String> texts = new ArrayList<>();
        Lessons.FOLDERS.forEach(f -> texts.add(Lessons.lessonText(f)));
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            String text = mutate(texts.get(i % texts.size()), random);
            try {
                LessonFormat.parse(text, "fuzz.md", "fuzz", new LessonSource.Folder(Path.of(".")));
            } catch (LessonException e) {
                assertThat(e.getMessage()).startsWith("fuzz.md").doesNotContain("\n");
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " crashed the parser:\n" + text, e);
            }
        }
        assertThat(refused).isGreaterThan(50);
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(20)));
                default -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return sb.toString();
    }
}
