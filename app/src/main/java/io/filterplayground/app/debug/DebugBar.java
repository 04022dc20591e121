package io.filterplayground.app.debug;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.debug.Pause;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Shown while a stream is stopped at a breakpoint: where it stopped, what the filter is about to
 * see (editable; bytes as text or hex), and the way on: Continue (F8) with the edits, or Continue
 * all (no more breaks).
 */
public final class DebugBar extends VBox {
    public DebugBar(DebugViewModel vm) {
        setId("debug-bar");
        getStyleClass().add("debug-bar");
        setSpacing(4);
        Ui.pad(this, 6, 8, 6, 8);

        Label where = Ui.label("", "debug-where");
        where.setId("debug-where");
        where.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> describe(vm.currentProperty().get(), vm.waiting().size()),
                                vm.currentProperty(),
                                vm.waiting()));
        Button go =
                Ui.button(
                        "debug-continue",
                        "▶  Continue",
                        "Let this stream go on (F8)",
                        vm::continueCurrent);
        go.getStyleClass().add("accent");
        Button all =
                Ui.button(
                        "debug-continue-all",
                        "Continue all",
                        "Remove every breakpoint and let every stopped stream go on",
                        vm::continueAll);
        // The buttons keep their width; the description gives way (ellipsis) first.
        where.setMinWidth(0);
        go.setMinWidth(Button.USE_PREF_SIZE);
        all.setMinWidth(Button.USE_PREF_SIZE);
        HBox head = Ui.row(8, Ui.hgrow(where), go, all);

        TextArea text = new TextArea();
        text.setId("debug-text");
        text.getStyleClass().add("mono");
        text.setPrefRowCount(6);
        text.setMinHeight(100);
        text.textProperty().bindBidirectional(vm.textProperty());
        Label hint = Ui.label("", "muted");
        hint.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> {
                                    Pause p = vm.currentProperty().get();
                                    if (p == null) {
                                        return "";
                                    }
                                    if (p.headers() != null) {
                                        return "What the filter will see, one name: value per"
                                                + " line. Edit, then Continue.";
                                    }
                                    return p.stage().isNetwork()
                                            ? "The bytes the filter will see (its "
                                                    + p.stage().wireName()
                                                    + " buffer; text takes \\r \\xHH escapes)."
                                                    + " Edit, then Continue."
                                            : "The body the filter will see. Edit, then Continue.";
                                },
                                vm.currentProperty()));
        Label problem = Ui.label("", "inline-message", "error");
        problem.setId("debug-problem");
        problem.textProperty().bind(vm.problemProperty());
        CheckBox hex = new CheckBox("Hex");
        hex.setId("debug-hex");
        hex.selectedProperty().bindBidirectional(vm.hexProperty());
        // Headers are text: hex is for a body or a connection's bytes.
        hex.visibleProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () ->
                                        vm.currentProperty().get() != null
                                                && vm.currentProperty().get().headers() == null,
                                vm.currentProperty()));
        hex.managedProperty().bind(hex.visibleProperty());
        getChildren().addAll(head, text, Ui.row(8, hint, problem, Ui.spacer(), hex));

        visibleProperty().bind(vm.currentProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }

    private static String describe(Pause p, int waiting) {
        if (p == null) {
            return "";
        }
        return "Paused before "
                + p.filter()
                + " · "
                + p.stage().wireName()
                + (p.stage().isNetwork() ? "  —  connection " : "  —  stream ")
                + p.streamId()
                + " on "
                + p.worker()
                + (p.endOfStream() ? ", end of stream" : "")
                + (waiting > 1 ? "  ·  " + (waiting - 1) + " more stopped" : "")
                + ". The worker waits, and so do its other streams"
                + (p.stage().isNetwork() ? " and connections." : ".");
    }
}
