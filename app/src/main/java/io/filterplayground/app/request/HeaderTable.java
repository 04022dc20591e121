package io.filterplayground.app.request;

import io.filterplayground.app.workspace.Ui;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.VBox;

/**
 * An editable header table: a checkbox to enable a row, name and value edited in place, duplicates
 * allowed. Used for request headers, trailers and the mock upstream's headers.
 */
public final class HeaderTable extends VBox {
    private final TableView<HeaderRow> table = new TableView<>();

    public HeaderTable(String id, ObservableList<HeaderRow> rows) {
        this(id, rows, "No headers. Add one with +.", "x-new");
    }

    /** A name/value table of other things than headers (the scenario's variables). */
    public HeaderTable(String id, ObservableList<HeaderRow> rows, String empty, String newName) {
        setId(id);
        getStyleClass().add("header-table");
        table.setId(id + "-table");
        table.setItems(rows);
        table.setEditable(true);
        table.getStyleClass().addAll("dense", "bordered");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.label(empty, "muted", "wrap"));

        TableColumn<HeaderRow, Boolean> on = new TableColumn<>("");
        on.setCellValueFactory(c -> c.getValue().enabledProperty());
        on.setCellFactory(CheckBoxTableCell.forTableColumn(on));
        on.setPrefWidth(30);
        on.setMaxWidth(30);
        on.setMinWidth(30);
        on.setEditable(true);

        TableColumn<HeaderRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(130);

        TableColumn<HeaderRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setPrefWidth(180);

        table.getColumns().add(on);
        table.getColumns().add(name);
        table.getColumns().add(value);

        Button add =
                Ui.button(
                        id + "-add",
                        "+",
                        "Add a row",
                        () -> {
                            rows.add(new HeaderRow(true, newName, ""));
                            int i = rows.size() - 1;
                            table.getSelectionModel().select(i);
                            table.edit(i, name);
                        });
        Button remove =
                Ui.button(
                        id + "-remove",
                        "−",
                        "Remove the selected row",
                        () -> {
                            HeaderRow r = table.getSelectionModel().getSelectedItem();
                            if (r != null) {
                                rows.remove(r);
                            }
                        });
        add.getStyleClass().addAll("small", "flat");
        remove.getStyleClass().addAll("small", "flat");
        setSpacing(2);
        getChildren().addAll(Ui.vgrow(table), Ui.row(2, add, remove));
    }

    public TableView<HeaderRow> table() {
        return table;
    }
}
