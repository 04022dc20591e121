package io.filterplayground.app.modules;

import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.wasm.ModuleInfo;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A module in the library: a built-in sample, a test module, or a file the user loaded. Its {@code
 * inspect} facts arrive in the background.
 */
public final class ModuleEntry {
    /**
     * Where an entry comes from. {@code BUILTIN} and {@code LUA} are not modules: they stand for
     * Envoy's other two styles (a built-in filter of a kind, a Lua script), so the library shows
     * the three side by side; they have no bytes to inspect.
     */
    public enum Origin {
        BUILTIN,
        LUA,
        SAMPLE,
        TEST,
        FILE
    }

    /** The library's entry for a built-in filter kind. */
    public static ModuleEntry builtin(String kind) {
        return new ModuleEntry(
                kind,
                Origin.BUILTIN,
                "built into the proxy",
                FilterTemplates.describe(kind),
                null,
                SampleDefaults.Defaults.NONE,
                kind);
    }

    /** The library's entry for a Lua script. */
    public static ModuleEntry lua() {
        return new ModuleEntry(
                "Lua script",
                Origin.LUA,
                "Lua 5.2 (LuaJ)",
                "Envoy's Lua filter: envoy_on_request(handle) and envoy_on_response(handle), with"
                        + " one Lua state per worker. Added with a small script that adds a header"
                        + " and logs; edit it in the chain.",
                null,
                SampleDefaults.Defaults.NONE,
                null);
    }

    private final String name;
    private final Origin origin;
    private final String language;
    private final String description;
    private final ModuleSource source;
    private final SampleDefaults.Defaults defaults;
    private final String nativeKind;
    private final ObjectProperty<ModuleInfo> info = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    public ModuleEntry(
            String name,
            Origin origin,
            String language,
            String description,
            ModuleSource source,
            SampleDefaults.Defaults defaults) {
        this(name, origin, language, description, source, defaults, null);
    }

    private ModuleEntry(
            String name,
            Origin origin,
            String language,
            String description,
            ModuleSource source,
            SampleDefaults.Defaults defaults,
            String nativeKind) {
        this.name = name;
        this.origin = origin;
        this.language = language;
        this.description = description;
        this.source = source;
        this.defaults = defaults;
        this.nativeKind = nativeKind;
    }

    /** True for a Wasm module (a sample, a test module or a file); false for Lua and built-ins. */
    public boolean isWasm() {
        return source != null;
    }

    /** The built-in kind of a {@code BUILTIN} entry, else null. */
    public String nativeKind() {
        return nativeKind;
    }

    public String name() {
        return name;
    }

    public Origin origin() {
        return origin;
    }

    public String language() {
        return language;
    }

    public String description() {
        return description;
    }

    /**
     * The bytes and the reference a scenario writes ({@code sample:deny} or a file path); null for
     * the Lua and built-in entries.
     */
    public ModuleSource source() {
        return source;
    }

    public SampleDefaults.Defaults defaults() {
        return defaults;
    }

    public ObjectProperty<ModuleInfo> infoProperty() {
        return info;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** {@code ABI 0.2.0 · 20 KB · 6 imports · 32 exports}, or what is known so far. */
    public String summary() {
        if (origin == Origin.BUILTIN) {
            return "native · config: " + FilterTemplates.fields(nativeKind);
        }
        if (origin == Origin.LUA) {
            return "an inline script · metadata map";
        }
        ModuleInfo i = info.get();
        if (i == null) {
            return error.get().isEmpty() ? "inspecting…" : error.get();
        }
        return "ABI "
                + i.abiVersion()
                + " · "
                + size(i.sizeBytes())
                + " · "
                + i.imports().size()
                + " imports · "
                + i.exports().size()
                + " exports";
    }

    public static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return name;
    }
}
