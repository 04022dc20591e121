package io.filterplayground.engine;

import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.Scenario;
import io.filterplayground.engine.util.Sha256;
import io.filterplayground.engine.wasm.ModuleCache;
import java.util.HashSet;
import java.util.Set;

/**
 * A watch session reloads a module on every rebuild: the module cache keeps each version by its
 * code hash (so an unchanged module costs nothing), and this lets go of the versions a reload
 * superseded, so they do not pile up for as long as the session runs.
 */
public final class ModuleVersions {
    private ModuleVersions() {}

    /** Forgets the modules {@code before} used that {@code after} no longer does. */
    public static void forgetSuperseded(Scenario before, Scenario after) {
        if (before == null || after == null) {
            return;
        }
        Set<String> kept = new HashSet<>();
        for (ModuleSource m : ModuleSource.allOf(after)) {
            kept.add(Sha256.hex(m.bytes()));
        }
        for (ModuleSource m : ModuleSource.allOf(before)) {
            if (!kept.contains(Sha256.hex(m.bytes()))) {
                ModuleCache.forget(m.bytes());
            }
        }
    }
}
