package io.filterplayground.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The app tests' scenario files ({@code scenarios/NAME.yaml} beside this class), copied out. */
public final class TestScenarios {
    private TestScenarios() {}

    /** Writes scenario {@code name} into {@code dir}; returns the file. */
    public static Path write(Path dir, String name) {
        try (InputStream in =
                TestScenarios.class.getResourceAsStream("scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no test scenario " + name);
            }
            Path file = dir.resolve(name + ".yaml");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
