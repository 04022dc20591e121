package io.filterplayground.app.request;

import io.filterplayground.app.workspace.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** Saved requests of the scenario and the requests sent in this session; load one to resend it. */
public final class HistoryView extends VBox {
    public HistoryView(RequestViewModel vm, Runnable afterLoad) {
        setId("history-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        ListView<HistoryEntry> list = new ListView<>(vm.history());
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
                        vm.load(e.name().replaceFirst(" ×\\d+$", ""), e.request());
                        afterLoad.run();
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
                        "Put this request in the composer",
                        load);
        getChildren()
                .addAll(
                        Ui.label("Double-click a request to load it into the composer.", "muted"),
                        Ui.vgrow(list),
                        open);
    }
}
