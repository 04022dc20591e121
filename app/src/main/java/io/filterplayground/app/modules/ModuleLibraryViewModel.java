package io.filterplayground.app.modules;

import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.source.OciModules;
import io.filterplayground.engine.scenario.source.RemoteModules;
import io.filterplayground.engine.util.BoundedFiles;
import io.filterplayground.engine.wasm.LoadedModule;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.ModuleInfo;
import io.filterplayground.samples.SampleModule;
import io.filterplayground.samples.TestModule;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The module library: Envoy's built-in filters and a Lua script (the other two styles), every
 * built-in sample and test module, plus the files the user loads. Each module is inspected off the
 * UI thread (ABI version, imports with support status, exports, warnings).
 */
public final class ModuleLibraryViewModel {
    private final Executor ui;
    private final Executor background;
    private final ObservableList<ModuleEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<ModuleEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");

    public ModuleLibraryViewModel(Executor ui, Executor background) {
        this.ui = ui;
        this.background = background;
        // Envoy's other two styles first, so the library shows all three side by side.
        for (String kind : FilterTemplates.nativeKinds()) {
            entries.add(ModuleEntry.builtin(kind));
        }
        entries.add(ModuleEntry.lua());
        for (SampleModule s : SampleModule.values()) {
            add(
                    new ModuleEntry(
                            s.folder(),
                            ModuleEntry.Origin.SAMPLE,
                            s.language().displayName(),
                            s.description(),
                            new ModuleSource("sample:" + s.folder(), s.wasmFile(), s.wasmBytes()),
                            SampleDefaults.of(s.folder())));
        }
        for (TestModule t : TestModule.values()) {
            String base = t.wasmFile().replace(".wasm", "");
            add(
                    new ModuleEntry(
                            base,
                            ModuleEntry.Origin.TEST,
                            t.language().displayName(),
                            t.description(),
                            new ModuleSource(
                                    "sample:testdata/" + base, t.wasmFile(), t.wasmBytes()),
                            SampleDefaults.of(t.wasmFile())));
        }
    }

    private void add(ModuleEntry e) {
        entries.add(e);
        inspect(e);
    }

    private CompletableFuture<ModuleInfo> inspect(ModuleEntry e) {
        return CompletableFuture.supplyAsync(
                        () -> ModuleCache.inspect(e.source().name(), e.source().bytes()),
                        background)
                .whenCompleteAsync(
                        (info, err) -> {
                            if (info != null) {
                                e.infoProperty().set(info);
                            } else {
                                e.errorProperty().set(plain(err));
                            }
                        },
                        ui);
    }

    /**
     * Reads and inspects a {@code .wasm} file; on success it joins the library and is selected, on
     * failure the message says why in plain words and nothing is added.
     */
    public CompletableFuture<ModuleEntry> loadFile(Path file) {
        String ref = file.toAbsolutePath().toString();
        return add(
                () -> entry(new ModuleSource(ref, file.getFileName().toString(), read(file))),
                "Could not load " + file.getFileName());
    }

    /**
     * Fetches a module from an {@code http(s)://} URL or an {@code oci://} image into the library.
     * A URL is pinned to the digest of what was fetched, as a scenario must pin it (Envoy's remote
     * source requires a sha256); an image keeps its tag.
     */
    public CompletableFuture<ModuleEntry> loadRemote(String reference) {
        String ref = reference == null ? "" : reference.trim();
        if (!ModuleSource.isRemote(ref) && !ModuleSource.isOci(ref)) {
            message.set("Give an http(s):// URL or an oci:// image to fetch a module from.");
            return CompletableFuture.failedFuture(new IllegalArgumentException(ref));
        }
        return add(
                () -> {
                    try {
                        boolean oci = ModuleSource.isOci(ref);
                        byte[] bytes = oci ? OciModules.fetch(ref) : RemoteModules.fetch(ref, null);
                        String pin = oci ? null : LoadedModule.sha256(bytes);
                        return entry(new ModuleSource(ref, RemoteModules.nameOf(ref), bytes, pin));
                    } catch (IOException e) {
                        throw new EngineException(e.getMessage());
                    }
                },
                "Could not fetch " + ref);
    }

    /** A loaded or fetched module as a library entry, inspected (off the UI thread). */
    private static ModuleEntry entry(ModuleSource source) {
        ModuleEntry e =
                new ModuleEntry(
                        source.name().replaceFirst("\\.wasm$", ""),
                        ModuleEntry.Origin.FILE,
                        label(source),
                        source.ref(),
                        source,
                        SampleDefaults.Defaults.NONE);
        e.infoProperty().set(ModuleCache.inspect(source.name(), source.bytes()));
        return e;
    }

    /** Where a module that is not a sample came from, as the library shows it. */
    private static String label(ModuleSource source) {
        return source.remote()
                ? "remote, sha256 pinned"
                : ModuleSource.isOci(source.ref()) ? "OCI image" : "file";
    }

    /**
     * Makes an entry off the UI thread; it then replaces any entry of the same module and is
     * selected, or the message says what went wrong and nothing is added.
     */
    private CompletableFuture<ModuleEntry> add(Supplier<ModuleEntry> make, String failure) {
        CompletableFuture<ModuleEntry> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(make, background)
                .whenCompleteAsync(
                        (e, err) -> {
                            if (e != null) {
                                String ref = e.source().ref();
                                entries.removeIf(x -> x.isWasm() && x.source().ref().equals(ref));
                                entries.add(e);
                                selected.set(e);
                                message.set("");
                                done.complete(e);
                            } else {
                                message.set(failure + ": " + plain(err));
                                done.completeExceptionally(err);
                            }
                        },
                        ui);
        return done;
    }

    private static byte[] read(Path file) {
        try {
            return BoundedFiles.read(file, BoundedFiles.MAX_MODULE_BYTES);
        } catch (NoSuchFileException e) {
            throw new EngineException("no such file");
        } catch (IOException e) {
            throw new EngineException("cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** The library entry for a module reference, if the library has it. */
    public ModuleEntry byRef(String ref) {
        for (ModuleEntry e : entries) {
            if (e.isWasm() && e.source().ref().equals(ref)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Makes sure a module used by a scenario shows in the library, as the scenario has it now (a
     * file rebuilt since it was first seen replaces its entry, so the library inspects the new
     * code).
     */
    public void ensure(ModuleSource source) {
        ModuleEntry known = byRef(source.ref());
        if (known != null) {
            if (java.util.Arrays.equals(known.source().bytes(), source.bytes())) {
                return;
            }
            entries.remove(known);
        }
        add(
                new ModuleEntry(
                        source.name().replaceFirst("\\.wasm$", ""),
                        ModuleEntry.Origin.FILE,
                        label(source),
                        source.ref(),
                        source,
                        SampleDefaults.Defaults.NONE));
    }

    public ObservableList<ModuleEntry> entries() {
        return entries;
    }

    public ObjectProperty<ModuleEntry> selectedProperty() {
        return selected;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The message of an exception, without the wrapper layers of the futures. */
    public static String plain(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof EngineException || c instanceof IllegalArgumentException) {
            return c.getMessage();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
