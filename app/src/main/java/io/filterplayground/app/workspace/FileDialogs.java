package io.filterplayground.app.workspace;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Where the window asks for files. The default shows the platform's file chooser; UI tests give
 * their own answers (Monocle has no native dialogs).
 */
public interface FileDialogs {
    Optional<Path> openScenario(Window owner);

    Optional<Path> saveScenario(Window owner, Path suggested);

    Optional<Path> openModule(Window owner);

    /** A teacher's lesson ({@code lesson.md}); dialogs that do not know lessons ask for a file. */
    default Optional<Path> openLesson(Window owner) {
        return openScenario(owner);
    }

    /** The platform's file chooser. */
    static FileDialogs system() {
        return new FileDialogs() {
            private File lastDir;

            @Override
            public Optional<Path> openScenario(Window owner) {
                return Optional.ofNullable(
                                chooser("Open scenario", "Scenarios", "*.yaml", "*.yml", "*.json")
                                        .showOpenDialog(owner))
                        .map(this::remember);
            }

            @Override
            public Optional<Path> saveScenario(Window owner, Path suggested) {
                FileChooser c = chooser("Save scenario", "Scenarios", "*.yaml", "*.yml");
                c.setInitialFileName(
                        suggested == null ? "scenario.yaml" : suggested.getFileName().toString());
                if (suggested != null && suggested.toAbsolutePath().getParent() != null) {
                    c.setInitialDirectory(suggested.toAbsolutePath().getParent().toFile());
                }
                return Optional.ofNullable(c.showSaveDialog(owner)).map(this::remember);
            }

            @Override
            public Optional<Path> openModule(Window owner) {
                return Optional.ofNullable(
                                chooser("Load module", "Wasm modules", "*.wasm")
                                        .showOpenDialog(owner))
                        .map(this::remember);
            }

            @Override
            public Optional<Path> openLesson(Window owner) {
                return Optional.ofNullable(
                                chooser("Open lesson", "Lessons", "*.md").showOpenDialog(owner))
                        .map(this::remember);
            }

            private FileChooser chooser(String title, String what, String... patterns) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
                if (lastDir != null && lastDir.isDirectory()) {
                    c.setInitialDirectory(lastDir);
                }
                return c;
            }

            private Path remember(File f) {
                lastDir = f.getParentFile();
                return f.toPath();
            }
        };
    }
}
