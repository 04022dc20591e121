package io.filterplayground.app.lesson;

import io.filterplayground.app.workspace.FileDialogs;
import io.filterplayground.app.workspace.MainWindow;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;

/**
 * Learn mode's place in the window: Learn in the toolbar (the lessons, Open lesson…, back to the
 * demo), the lesson beside the playground while one is open, the lessons browser and the first
 * run's welcome over it, and the pointers that show where each step looks.
 */
public final class LearnMode {
    /** Where the lesson pane leaves the other columns when it is open. */
    private static final double[] WITH_LESSON = {0.165, 0.545, 0.765};

    private final MainWindow window;
    private final LearnViewModel vm;
    private final FileDialogs dialogs;
    private final LessonPane pane;
    private final LessonsBrowser browser;
    private final WelcomeSheet welcome;
    private final PointerView pointer;
    private double[] without;

    public LearnMode(MainWindow window, LearnViewModel vm, FileDialogs dialogs) {
        this.window = window;
        this.vm = vm;
        this.dialogs = dialogs;
        this.pane = new LessonPane(vm);
        this.browser = new LessonsBrowser(vm, this::openFromDisk);
        this.welcome = new WelcomeSheet(vm);
        this.pointer =
                new PointerView(
                        window,
                        List.of(window.leftTabs(), window.centerTabs(), window.requestTabs()));

        window.toolbar().getItems().add(learnMenu());
        overlay(browser, vm.browsingProperty().get());
        overlay(welcome, vm.welcomingProperty().get());
        vm.browsingProperty().addListener((o, a, b) -> overlay(browser, b));
        vm.welcomingProperty().addListener((o, a, b) -> overlay(welcome, b));
        vm.lesson().lessonProperty().addListener((o, a, l) -> showPane(l != null));
        vm.lesson().pointerProperty().addListener((o, a, p) -> pointer.show(p));
    }

    private MenuButton learnMenu() {
        MenuItem lessons = new MenuItem("Lessons…");
        lessons.setId("learn-lessons");
        lessons.setOnAction(e -> vm.showBrowser());
        MenuItem open = new MenuItem("Open lesson…");
        open.setId("learn-open");
        open.setOnAction(e -> openFromDisk());
        MenuItem demo = new MenuItem("Back to the demo");
        demo.setId("learn-demo");
        demo.setOnAction(e -> vm.backToDemo());
        MenuButton learn =
                new MenuButton("Learn", null, lessons, open, new SeparatorMenuItem(), demo);
        learn.setId("learn-button");
        learn.setTooltip(new Tooltip("Lessons: guided tours of Envoy's extension points"));
        return learn;
    }

    private void openFromDisk() {
        dialogs.openLesson(window.getScene() == null ? null : window.getScene().getWindow())
                .ifPresent(vm::open);
    }

    private void overlay(Node sheet, boolean show) {
        var layers = window.overlays().getChildren();
        if (show && !layers.contains(sheet)) {
            layers.add(sheet);
        } else if (!show) {
            layers.remove(sheet);
        }
    }

    private void showPane(boolean show) {
        SplitPane main = window.mainSplit();
        if (show && !main.getItems().contains(pane)) {
            without = main.getDividerPositions();
            main.getItems().add(pane);
            SplitPane.setResizableWithParent(pane, false);
            main.setDividerPositions(WITH_LESSON);
        } else if (!show && main.getItems().remove(pane)) {
            pointer.clear();
            if (without != null) {
                main.setDividerPositions(without);
            }
        }
    }
}
