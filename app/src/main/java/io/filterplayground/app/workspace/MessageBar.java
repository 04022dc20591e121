package io.filterplayground.app.workspace;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** One line under the toolbar for what just happened: errors in plain words, results, hints. */
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
        vm.messageProperty().addListener((o, a, m) -> show(text, m));
        show(text, vm.messageProperty().get());
    }

    private void show(Label text, Message m) {
        boolean visible = m != null && !m.isEmpty();
        setVisible(visible);
        setManaged(visible);
        text.setText(visible ? m.text() : "");
        Ui.tone(
                this,
                "message-",
                visible ? m.kind().name().toLowerCase(java.util.Locale.ROOT) : null);
        getStyleClass().add("message-bar");
    }
}
