package io.filterplayground.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress kept across restarts of the app, beside the history file. */
class ProgressStoreTest {
    @TempDir Path dir;

    @Test
    void shouldKeepEachLessonsStepsAcrossStoresAndResetOne() {
        Path file = dir.resolve("home/lessons.json");
        ProgressStore store = new ProgressStore(file);
        assertThat(store.load("01-three-ways")).isEmpty();

        assertThat(store.save("01-three-ways", new LinkedHashSet<>(List.of("1", "2")))).isTrue();
        assertThat(store.save("/home/teacher/lesson", Set.of("intro"))).isTrue();

        ProgressStore later = new ProgressStore(file);
        assertThat(later.load("01-three-ways")).containsExactly("1", "2");
        assertThat(later.load("/home/teacher/lesson")).containsExactly("intro");

        assertThat(later.reset("01-three-ways")).isTrue();
        assertThat(new ProgressStore(file).load("01-three-ways")).isEmpty();
        assertThat(new ProgressStore(file).load("/home/teacher/lesson")).containsExactly("intro");
    }

    @Test
    void shouldSetAsideAnUnreadableFileAndStartEmpty() throws Exception {
        Path file = dir.resolve("lessons.json");
        Files.writeString(file, "{not json");

        ProgressStore store = new ProgressStore(file);
        assertThat(store.load("x")).isEmpty();
        assertThat(dir.resolve("lessons.json.bad")).hasContent("{not json");
        assertThat(store.save("x", Set.of("1"))).isTrue();
        assertThat(store.load("x")).containsExactly("1");
    }

    @Test
    void shouldLiveBesideTheHistoryFile() {
        String before = System.getProperty("filterplayground.home");
        System.setProperty("filterplayground.home", dir.toString());
        try {
            assertThat(ProgressStore.inUserHome().file()).isEqualTo(dir.resolve("lessons.json"));
            assertThat(io.filterplayground.app.request.HistoryStore.inUserHome().file())
                    .isEqualTo(dir.resolve("history.json"));
        } finally {
            if (before == null) {
                System.clearProperty("filterplayground.home");
            } else {
                System.setProperty("filterplayground.home", before);
            }
        }
    }
}
