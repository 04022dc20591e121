package io.filterplayground.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The app talks to the engine's API only: no Chicory class may appear in its sources. */
class NoChicoryInAppTest {
    @Test
    void shouldNotImportChicoryAnywhereInTheApp() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .filter(NoChicoryInAppTest::mentionsChicory)
                            .map(Path::toString)
                            .toList();
        }
        assertThat(offenders).as("app sources that use com.dylibso (Chicory)").isEmpty();
    }

    private static boolean mentionsChicory(Path p) {
        try {
            return Files.readString(p).contains("com.dylibso");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
