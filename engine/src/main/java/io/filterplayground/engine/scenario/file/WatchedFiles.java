package io.filterplayground.engine.scenario.file;

import io.filterplayground.engine.scenario.FilterSpec;
import io.filterplayground.engine.scenario.LuaFilterSpec;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local files a scenario is made of: the scenario file itself, its modules read from files and
 * its Lua scripts ({@code luaFile:}), each resolved as the loader resolves it. Modules fetched over
 * HTTP(S), pulled from OCI registries, built in ({@code sample:}) or held inline are not files.
 */
public final class WatchedFiles {
    private WatchedFiles() {}

    /** {@code scenarioFile} (null for a scenario that has none) and the local files it reads. */
    public static List<Path> of(Path scenarioFile, Scenario s) {
        Set<Path> out = new LinkedHashSet<>();
        Path dir = Path.of(".");
        if (scenarioFile != null) {
            out.add(scenarioFile.toAbsolutePath().normalize());
            Path parent = scenarioFile.toAbsolutePath().getParent();
            dir = parent == null ? dir : parent;
        }
        for (ModuleSource m : ModuleSource.allOf(s)) {
            if (isFile(m.ref())) {
                out.add(dir.resolve(m.ref()).toAbsolutePath().normalize());
            }
        }
        for (FilterSpec f : s.allFilters()) {
            if (f instanceof LuaFilterSpec l && l.file() != null && isFile(l.file())) {
                out.add(dir.resolve(l.file()).toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(out);
    }

    /** A reference read from the file system: no scheme (a drive letter is not one). */
    public static boolean isFile(String ref) {
        return !ModuleSource.isRemote(ref)
                && !ModuleSource.isOci(ref)
                && !ModuleSource.isInline(ref)
                && ref.indexOf(':') <= 1;
    }
}
