package io.filterplayground.app.lesson;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the window opens for the first time, kept in the folder of the window's history: the
 * first time is when neither the history nor {@code welcome.json} is there; once the welcome is
 * answered, {@code welcome.json} says so. A folder that cannot be written shows the welcome again
 * next time, and nothing else fails.
 */
public final class FirstRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;

    public FirstRun(Path home) {
        this.home = home;
    }

    public boolean isFirst() {
        return !Files.exists(home.resolve("welcome.json"))
                && !Files.exists(home.resolve("history.json"));
    }

    /** The welcome was answered: it does not show again. */
    public void welcomed() {
        try {
            Files.createDirectories(home);
            JSON.writeValue(
                    home.resolve("welcome.json").toFile(),
                    JSON.createObjectNode().put("welcomed", true));
        } catch (IOException e) {
            // It shows again next time; nothing is lost.
        }
    }
}
