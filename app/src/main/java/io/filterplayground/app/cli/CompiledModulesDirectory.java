package io.filterplayground.app.cli;

import io.filterplayground.app.launch.CacheHome;
import io.filterplayground.engine.wasm.ModuleCache;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the app keeps compiled modules between its starts (the README's "Compiled modules"): the
 * user's cache directory, {@code $XDG_CACHE_HOME/filter-playground/modules} or {@code
 * ~/.cache/filter-playground/modules} ({@code %LOCALAPPDATA%} on Windows), at most 512 MB. {@code
 * -Dfilterplayground.moduleCache=DIR} or {@code FILTER_PLAYGROUND_MODULE_CACHE=DIR} moves it,
 * {@code off} (or {@code --no-module-cache}) turns it off; {@code
 * -Dfilterplayground.moduleCache.maxMegabytes=N} bounds it.
 */
public final class CompiledModulesDirectory {
    public static final String PROPERTY = "filterplayground.moduleCache";
    public static final String ENVIRONMENT = "FILTER_PLAYGROUND_MODULE_CACHE";
    static final String MAX_PROPERTY = PROPERTY + ".maxMegabytes";
    static final long DEFAULT_MAX_MEGABYTES = 512;
    private static final Set<String> OFF = Set.of("off", "false", "no", "0", "none");

    private CompiledModulesDirectory() {}

    /** Tells the engine to keep compiled modules where this process's settings say. */
    public static void apply() {
        Optional<Path> dir = resolve(System.getProperties(), System.getenv());
        if (dir.isPresent()) {
            ModuleCache.keepCompiledModules(dir.get(), maxBytes(System.getProperties()));
        } else {
            ModuleCache.compileAtEveryStart();
        }
    }

    /** The directory, or empty when turned off or there is no home to put it in. */
    static Optional<Path> resolve(Properties properties, Map<String, String> env) {
        String chosen = properties.getProperty(PROPERTY, env.get(ENVIRONMENT));
        if (chosen != null && !chosen.isBlank()) {
            return OFF.contains(chosen.trim().toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of(Path.of(chosen.trim()));
        }
        return CacheHome.of(properties, env).map(home -> home.resolve("modules"));
    }

    static long maxBytes(Properties properties) {
        long megabytes = DEFAULT_MAX_MEGABYTES;
        try {
            megabytes = Long.parseLong(properties.getProperty(MAX_PROPERTY, "").trim());
        } catch (NumberFormatException e) {
            // Absent or not a number: the default.
        }
        return Math.max(1, megabytes) << 20;
    }
}
