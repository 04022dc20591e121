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
    public enum Origin {
        SAMPLE,
        TEST,
        FILE
    }

    private final String name;
    private final Origin origin;
    private final String language;
    private final String description;
    private final ModuleSource source;
    private final SampleDefaults.Defaults defaults;
    private final ObjectProperty<ModuleInfo> info = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    public ModuleEntry(
            String name,
            Origin origin,
            String language,
            String description,
            ModuleSource source,
            SampleDefaults.Defaults defaults) {
        this.name = name;
        this.origin = origin;
        this.language = language;
        this.description = description;
        this.source = source;
        this.defaults = defaults;
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

    /** The bytes and the reference a scenario writes ({@code sample:deny} or a file path). */
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
