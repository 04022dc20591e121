package io.filterplayground.app.request;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The connection composer: the downstream client's steps, in order, one card each (a chunk of text
 * or hex and whether it ends the client's stream, an advance of the virtual clock, a close by the
 * client or the upstream); add, move and remove steps; Keep adds the connection to the scenario.
 */
public final class ConnectionView extends VBox {
    private final ConnectionViewModel vm;
    private final VBox cards = new VBox(6);

    public ConnectionView(ConnectionViewModel vm) {
        this.vm = vm;
        setId("connection-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);

        TextField name = new TextField();
        name.setId("connection-name");
        name.setPromptText("name");
        name.setTooltip(new Tooltip("The connection's name in the history and the scenario"));
        name.textProperty().bindBidirectional(vm.nameProperty());

        cards.setId("connection-steps");
        vm.steps()
                .addListener(
                        (ListChangeListener<ConnectionStepRow>)
                                c -> {
                                    // Edits inside a step keep its card (and the caret).
                                    while (c.next()) {
                                        if (!c.wasUpdated()) {
                                            fill();
                                            return;
                                        }
                                    }
                                });
        fill();

        Button send =
                add(
                        "add-send-step",
                        "+ Send",
                        "The client sends a chunk",
                        ConnectionStepRow.Kind.SEND);
        Button advance =
                add(
                        "add-advance-step",
                        "+ Advance",
                        "Move the virtual clock: due timers fire",
                        ConnectionStepRow.Kind.ADVANCE);
        Button close =
                add(
                        "add-close-step",
                        "+ Close",
                        "The client (or the upstream) closes the connection",
                        ConnectionStepRow.Kind.CLOSE);
        Button keep =
                Ui.button(
                        "keep-connection-button",
                        "Keep",
                        "Add this connection to the scenario's saved connections",
                        vm::keepCurrent);
        keep.getStyleClass().add("small");

        Label hint =
                Ui.label(
                        "Text takes \\r \\n \\t \\xHH escapes. After the last step the client is"
                                + " done: the connection ends when the upstream closes, or the"
                                + " client closes it.",
                        "muted",
                        "wrap");
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        Label message = Ui.message("connection-message", vm.messageProperty());

        getChildren()
                .addAll(
                        Ui.row(6, Ui.title("Connection"), Ui.spacer(), name),
                        Ui.label("The downstream client's steps, in order", "muted"),
                        cards,
                        Ui.row(6, send, advance, close, Ui.spacer(), keep),
                        hint,
                        message);
    }

    private Button add(String id, String text, String tip, ConnectionStepRow.Kind kind) {
        Button b = Ui.button(id, text, tip, () -> vm.add(kind));
        b.getStyleClass().add("small");
        return b;
    }

    private void fill() {
        cards.getChildren().clear();
        for (int i = 0; i < vm.steps().size(); i++) {
            cards.getChildren().add(card(i, vm.steps().get(i)));
        }
    }

    /** One step: its number and kind, its fields, and the buttons that move or remove it. */
    private Node card(int index, ConnectionStepRow row) {
        ConnectionStepRow.Kind kind = row.kindProperty().get();
        Label number = Ui.label(Integer.toString(index + 1), "chain-index");
        Label what = Ui.label(kind.name().toLowerCase(Locale.ROOT), "badge", "step-" + kind.name());
        what.setMinWidth(Label.USE_PREF_SIZE);
        HBox head = Ui.row(6, number, what, Ui.spacer());
        VBox card = new VBox(4, head);
        card.getStyleClass().add("step-card");
        card.setId("step-" + (index + 1));
        switch (kind) {
            case SEND -> {
                CheckBox hex = new CheckBox("hex");
                hex.setId("step-hex-" + (index + 1));
                hex.selectedProperty().bindBidirectional(row.hexProperty());
                CheckBox end = new CheckBox("end of stream");
                end.setId("step-end-" + (index + 1));
                end.setTooltip(new Tooltip("The client half-closes its side with this chunk"));
                end.selectedProperty().bindBidirectional(row.endStreamProperty());
                TextField data = new TextField();
                data.setId("step-data-" + (index + 1));
                data.getStyleClass().add("mono");
                data.setPromptText("PING\\r\\n");
                data.textProperty().bindBidirectional(row.dataProperty());
                card.getChildren().addAll(data, Ui.row(12, hex, end));
            }
            case ADVANCE -> {
                TextField by = new TextField();
                by.setId("step-duration-" + (index + 1));
                by.setPrefColumnCount(6);
                by.textProperty().bindBidirectional(row.durationProperty());
                head.getChildren().addAll(Ui.label("by", "muted"), by);
            }
            case CLOSE -> {
                ChoiceBox<ConnectionStep.Side> side = new ChoiceBox<>();
                side.setId("step-side-" + (index + 1));
                side.getItems().addAll(ConnectionStep.Side.values());
                side.setConverter(
                        new StringConverter<>() {
                            @Override
                            public String toString(ConnectionStep.Side s) {
                                return s == null ? "" : s.name().toLowerCase(Locale.ROOT);
                            }

                            @Override
                            public ConnectionStep.Side fromString(String s) {
                                return ConnectionStep.Side.valueOf(s.toUpperCase(Locale.ROOT));
                            }
                        });
                side.valueProperty().bindBidirectional(row.sideProperty());
                head.getChildren().addAll(Ui.label("by", "muted"), side);
            }
        }
        head.getChildren()
                .addAll(
                        small("↑", "Earlier", () -> vm.move(row, -1)),
                        small("↓", "Later", () -> vm.move(row, 1)),
                        small("✕", "Remove this step", () -> vm.remove(row)));
        return card;
    }

    private static Button small(String text, String tip, Runnable r) {
        Button b = Ui.button(null, text, tip, r);
        b.getStyleClass().addAll("small", "flat");
        return b;
    }
}
