package io.filterplayground.app.launch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The app's folder in the user's cache directory, where it keeps what makes the next start faster
 * (compiled modules, the JVM's class archive): {@code $XDG_CACHE_HOME/filter-playground}, {@code
 * %LOCALAPPDATA%\filter-playground} on Windows, else {@code ~/.cache/filter-playground}. Needs only
 * the JDK, like the rest of the launcher.
 */
public final class CacheHome {
    private CacheHome() {}

    /** The folder, or empty when there is no home to put it in. */
    public static Optional<Path> of(Properties properties, Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "filter-playground"));
        }
        String local = env.get("LOCALAPPDATA");
        if (local != null && properties.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.of(Path.of(local, "filter-playground"));
        }
        String home = properties.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "filter-playground"));
    }
}
