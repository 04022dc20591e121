package io.filterplayground.engine.wasm;

import io.filterplayground.engine.wasm.store.CompiledModuleStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Parsed (and, on first use, compiled) modules by code hash, shared by every playground in the
 * process: reloading a scenario or adding the same module twice costs nothing. The app also keeps
 * compiled modules on disk between its starts ({@link #keepCompiledModules}); the engine alone (its
 * tests, the harness) compiles in memory only.
 */
public final class ModuleCache {
    private static final ConcurrentHashMap<String, LoadedModule> BY_HASH =
            new ConcurrentHashMap<>();

    /** Modules from this size on are hashed while their sections are read. */
    private static final int OVERLAP_BYTES = 1 << 20;

    private static final Executor DIGESTS =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "module-digest");
                        t.setDaemon(true);
                        return t;
                    });

    private record StoreSettings(Path dir, long maxBytes) {}

    private static StoreSettings settings;
    private static CompiledModuleStore store;
    private static String storeState = "off";

    private ModuleCache() {}

    /** The module for these bytes, parsed once per distinct content. */
    public static LoadedModule load(String name, byte[] bytes) {
        CompiledModuleStore store;
        ModuleWithoutCode.Sections sections = null;
        String hash;
        if (storeWanted() && bytes.length >= OVERLAP_BYTES) {
            // In a fresh JVM, hashing a 3 MB module takes about 0.1 s (SHA-256 runs in the
            // interpreter until the JIT gets to it), as long as opening the store and reading the
            // sections its stored classes need: all at once. A module already loaded wastes the
            // read (a few ms).
            CompletableFuture<String> digest =
                    CompletableFuture.supplyAsync(() -> LoadedModule.sha256(bytes), DIGESTS);
            store = compiledStore();
            sections = store == null ? null : ModuleWithoutCode.tryRead(bytes);
            hash = digest.join();
        } else {
            store = compiledStore();
            hash = LoadedModule.sha256(bytes);
        }
        LoadedModule m = BY_HASH.get(hash);
        if (m == null) {
            m = LoadedModule.parse(name, bytes, hash, store, sections);
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

    /**
     * Keeps compiled modules in {@code dir}, at most {@code maxBytes} of them, from the next
     * compile on. The directory is opened (and checked to be this user's own) at the first compile,
     * so commands that compile nothing never touch it.
     */
    public static synchronized void keepCompiledModules(Path dir, long maxBytes) {
        settings = new StoreSettings(dir, maxBytes);
        store = null;
        storeState = dir + " (not used yet)";
    }

    /** Compiles every module at every start: no disk store (the default). */
    public static synchronized void compileAtEveryStart() {
        settings = null;
        store = null;
        storeState = "off";
    }

    /**
     * Where compiled modules are kept, or why they are not: "off", the directory, or the directory
     * and the reason it is not used (not this user's own, not writable).
     */
    public static synchronized String compiledModulesState() {
        return store == null
                ? storeState
                : storeState
                        + ", this run: "
                        + store.served()
                        + " read, "
                        + store.written()
                        + " written, "
                        + store.rejected()
                        + " rejected";
    }

    private static synchronized boolean storeWanted() {
        return settings != null;
    }

    /** The store, opened on first use; null when off or unusable (then modules are compiled). */
    static synchronized CompiledModuleStore compiledStore() {
        if (store == null && settings != null) {
            try {
                store = CompiledModuleStore.open(settings.dir(), settings.maxBytes());
                storeState = store.directory() + " (at most " + settings.maxBytes() + " bytes)";
            } catch (IOException | RuntimeException e) {
                storeState = settings.dir() + " (not used: " + e.getMessage() + ")";
                settings = null;
            }
        }
        return store;
    }
}
