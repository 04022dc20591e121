package io.filterplayground.app.request;

import io.filterplayground.app.workspace.Ui;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/**
 * Saved requests and connections of the scenario and what was sent; load one into its composer to
 * send it again.
 */
public final class HistoryView extends VBox {
    public HistoryView(ObservableList<HistoryEntry> entries, Consumer<HistoryEntry> loader) {
        setId("history-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        ListView<HistoryEntry> list = new ListView<>(entries);
        list.setId("history-list");
        list.setPlaceholder(Ui.label("Nothing sent yet.", "muted"));
        list.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(HistoryEntry e, boolean empty) {
                                super.updateItem(e, empty);
                                getStyleClass().removeIf(c -> c.startsWith("history-"));
                                if (empty || e == null) {
                                    setText(null);
                                } else {
                                    setText(e.label());
                                    getStyleClass()
                                            .add(
                                                    "history-"
                                                            + e.kind()
                                                                    .name()
                                                                    .toLowerCase(
                                                                            java.util.Locale.ROOT));
                                }
                            }
                        });
        Runnable load =
                () -> {
                    HistoryEntry e = list.getSelectionModel().getSelectedItem();
                    if (e != null) {
                        loader.accept(e);
                    }
                };
        list.setOnMouseClicked(
                ev -> {
                    if (ev.getClickCount() == 2) {
                        load.run();
                    }
                });
        Button open =
                Ui.button(
                        "history-load-button",
                        "Load into composer",
                        "Put this request or connection in its composer",
                        load);
        getChildren()
                .addAll(
                        Ui.label(
                                "Double-click a request or connection to load it into its"
                                        + " composer.",
                                "muted"),
                        Ui.vgrow(list),
                        open);
    }
}
