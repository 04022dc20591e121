package io.filterplayground.app;

import io.filterplayground.app.learn.ProgressStore;
import io.filterplayground.app.lesson.FirstRun;
import io.filterplayground.app.lesson.LearnMode;
import io.filterplayground.app.lesson.LearnViewModel;
import io.filterplayground.app.request.HistoryStore;
import io.filterplayground.app.workspace.FileDialogs;
import io.filterplayground.app.workspace.MainWindow;
import io.filterplayground.app.workspace.PlaygroundSession;
import io.filterplayground.app.workspace.WorkspaceViewModel;
import io.filterplayground.engine.abi.explain.Explanations;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The JavaFX application: one window on the built-in demo or on a scenario file. {@link #open}
 * builds the real window on a stage; the application, the UI tests and the screenshot tool all go
 * through it.
 */
public final class PlaygroundApp extends Application {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    static final String THEME = "/atlantafx/base/theme/primer-light.css";
    static final String ICON = "/io/filterplayground/app/filter-playground.png";

    private static volatile Path initialScenario;
    private Opened opened;

    /** What {@link #open} made: the window's root and its state. */
    public record Opened(
            MainWindow window,
            WorkspaceViewModel workspace,
            LearnViewModel learn,
            ScheduledExecutorService timer,
            ExecutorService background) {
        public void close() {
            learn.lesson().dispose();
            workspace.close();
            timer.shutdownNow();
            background.shutdownNow();
        }
    }

    /** Called by {@code gui} and by {@code java -jar} with no arguments. Blocks until closed. */
    public static void launchWith(Path scenario) {
        initialScenario = scenario;
        Application.launch(PlaygroundApp.class);
    }

    @Override
    public void start(Stage stage) {
        opened = open(stage, initialScenario, FileDialogs.system());
        if (initialScenario == null) {
            // The first run offers lesson 1 or the demo; later runs open on the demo.
            opened.learn().welcomeIfFirstRun();
        }
        // The taskbar's icon; the packaged app's menu entry has the same one (the app pom's dist).
        stage.getIcons().add(new Image(PlaygroundApp.class.getResource(ICON).toExternalForm()));
        stage.show();
    }

    @Override
    public void stop() {
        if (opened != null) {
            opened.close();
        }
        Platform.exit();
    }

    /**
     * Builds the window on {@code stage} (theme, size, shortcuts) and opens the scenario (null: the
     * built-in demo). Must run on the FX thread.
     */
    public static Opened open(Stage stage, Path scenario, FileDialogs dialogs) {
        // AtlantaFX 2.1 classes are built for Java 21; its theme is plain CSS, loaded as a
        // resource.
        Application.setUserAgentStylesheet(PlaygroundApp.class.getResource(THEME).toExternalForm());
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        PlaygroundSession.daemon("playground-timer"));
        ExecutorService background =
                Executors.newFixedThreadPool(2, PlaygroundSession.daemon("playground-background"));
        // The callbacks' and hostcalls' explanations (a YAML resource) load here, not on the UI
        // thread when the first timeline opens (a tenth of a second).
        background.execute(Explanations::standard);
        WorkspaceViewModel vm = new WorkspaceViewModel(Platform::runLater, timer, background);
        vm.request().useStore(HistoryStore.inUserHome());
        MainWindow window = new MainWindow(vm, dialogs);
        LearnViewModel learn =
                new LearnViewModel(
                        vm,
                        ProgressStore.inUserHome(),
                        new FirstRun(HistoryStore.home()),
                        Platform::runLater,
                        timer);
        new LearnMode(window, learn, dialogs);
        Scene scene = new Scene(window, WIDTH, HEIGHT);
        scene.getStylesheets()
                .add(
                        PlaygroundApp.class
                                .getResource("/io/filterplayground/app/playground.css")
                                .toExternalForm());
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.titleProperty().bind(vm.titleProperty());
        if (scenario == null) {
            vm.openDemo();
        } else {
            vm.open(scenario);
        }
        return new Opened(window, vm, learn, timer, background);
    }
}
