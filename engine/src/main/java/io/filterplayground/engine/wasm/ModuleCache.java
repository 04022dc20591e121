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
        if (storeWanted() && bytes.length >= OVERLAP_BYTES) {
            return loadWhileHashing(name, bytes);
        }
        CompiledModuleStore store = compiledStore();
        String hash = LoadedModule.sha256(bytes);
        LoadedModule m = BY_HASH.get(hash);
        return m != null ? m : kept(hash, LoadedModule.parse(name, bytes, hash, store, null));
    }

    /**
     * In a fresh JVM, hashing a 3 MB module takes about 0.1 s (SHA-256 runs in the interpreter
     * until the JIT gets to it). So the hash runs on another thread while this one opens the store,
     * reads the module's sections and, when the store remembers a digest for the module's
     * fingerprint, loads that entry's classes. The loaded module counts only when the real digest
     * is the remembered one; else it is dropped (nothing of it ran) and the module read again.
     */
    private static LoadedModule loadWhileHashing(String name, byte[] bytes) {
        CompletableFuture<String> digest =
                CompletableFuture.supplyAsync(() -> LoadedModule.sha256(bytes), DIGESTS);
        CompiledModuleStore store = compiledStore();
        ModuleWithoutCode.Sections sections = null;
        LoadedModule early = null;
        String fingerprint = null;
        String claimed = null;
        if (store != null) {
            fingerprint = CompiledModuleStore.fingerprint(bytes);
            claimed = store.claimedDigest(fingerprint);
            sections = ModuleWithoutCode.tryRead(bytes);
            if (claimed != null && !BY_HASH.containsKey(claimed)) {
                early = LoadedModule.fromStoredClasses(name, bytes, claimed, store, sections);
                sections = null; // a Sections builds once
            }
        }
        String hash = digest.join();
        if (store != null && !hash.equals(claimed)) {
            store.rememberDigest(fingerprint, hash);
        }
        LoadedModule m = BY_HASH.get(hash);
        if (m != null) {
            return m;
        }
        return kept(
                hash,
                early != null && hash.equals(claimed)
                        ? early
                        : LoadedModule.parse(name, bytes, hash, store, sections));
    }

    /** {@code m} as the module of this digest, unless another thread kept one first. */
    private static LoadedModule kept(String hash, LoadedModule m) {
        LoadedModule prev = BY_HASH.putIfAbsent(hash, m);
        return prev != null ? prev : m;
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
