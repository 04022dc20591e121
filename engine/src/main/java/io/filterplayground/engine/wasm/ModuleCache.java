package io.filterplayground.engine.wasm;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed (and, on first use, compiled) modules by code hash, shared by every playground in the
 * process: reloading a scenario or adding the same module twice costs nothing.
 */
public final class ModuleCache {
    private static final ConcurrentHashMap<String, LoadedModule> BY_HASH =
            new ConcurrentHashMap<>();

    private ModuleCache() {}

    /** The module for these bytes, parsed once per distinct content. */
    public static LoadedModule load(String name, byte[] bytes) {
        String hash = LoadedModule.sha256(bytes);
        LoadedModule m = BY_HASH.get(hash);
        if (m == null) {
            m = LoadedModule.parse(name, bytes, hash);
            LoadedModule prev = BY_HASH.putIfAbsent(hash, m);
            if (prev != null) {
                m = prev;
            }
        }
        return m;
    }

    /**
     * Drops the module for these bytes, so a process that loads many throwaway modules (the fuzz
     * tests) keeps none of them; a VM still running it is not affected.
     */
    public static void forget(byte[] bytes) {
        BY_HASH.remove(LoadedModule.sha256(bytes));
    }

    /** What {@code inspect} prints: parses without requiring an ABI marker. */
    public static ModuleInfo inspect(String name, byte[] bytes) {
        return LoadedModule.parse(name, bytes).info();
    }
}
