package io.filterplayground.app.workspace;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * One line under the toolbar for what just happened: errors in plain words, results, hints. The
 * line is always there, empty when there is nothing to say: a line that came and went would move
 * everything under it, a layout pass of the whole window each time (100-170 ms measured at the
 * start of a burst on the 2-core machine, most of the UI thread's worst stall at its end).
 */
public final class MessageBar extends HBox {
    public MessageBar(WorkspaceViewModel vm) {
        setId("message-bar");
        getStyleClass().add("message-bar");
        setSpacing(8);
        Label text = new Label();
        text.setId("message-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = Ui.button("message-close", "✕", "Dismiss", vm::clearMessage);
        close.getStyleClass().addAll("flat", "small");
        getChildren().addAll(Ui.hgrow(text), close);
        vm.messageProperty().addListener((o, a, m) -> show(text, close, m));
        show(text, close, vm.messageProperty().get());
    }

    private void show(Label text, Button close, Message m) {
        boolean visible = m != null && !m.isEmpty();
        close.setVisible(visible);
        text.setText(visible ? m.text() : "");
        Ui.tone(
                this,
                "message-",
                visible ? m.kind().name().toLowerCase(java.util.Locale.ROOT) : null);
        getStyleClass().add("message-bar");
    }
}
