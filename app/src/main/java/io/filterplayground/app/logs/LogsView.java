package io.filterplayground.app.logs;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import io.filterplayground.engine.abi.LogLevel;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Every log line, filtered by level, filter and thread, with a search box. */
public final class LogsView extends VBox {
    public LogsView(LogsViewModel vm) {
        setId("logs-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);

        ChoiceBox<LogLevel> level = new ChoiceBox<>();
        level.setId("log-level");
        level.getItems().addAll(LogLevel.values());
        level.valueProperty().bindBidirectional(vm.minLevelProperty());
        level.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(LogLevel l) {
                        return l == null ? "" : l.displayName() + " and up";
                    }

                    @Override
                    public LogLevel fromString(String s) {
                        return null;
                    }
                });
        ComboBox<String> filter = new ComboBox<>(vm.filters());
        filter.setId("log-filter");
        filter.valueProperty().bindBidirectional(vm.filterProperty());
        ComboBox<String> thread = new ComboBox<>(vm.threads());
        thread.setId("log-thread");
        thread.valueProperty().bindBidirectional(vm.threadProperty());
        TextField search = new TextField();
        search.setId("log-search");
        search.setPromptText("search");
        search.textProperty().bindBidirectional(vm.searchProperty());
        CheckBox suppressed = new CheckBox("below log level");
        suppressed.setId("log-suppressed");
        suppressed.selectedProperty().bindBidirectional(vm.showSuppressedProperty());
        Label counts = Ui.label("", "muted");
        counts.setId("log-counts");
        counts.textProperty().bind(vm.countsProperty());

        TableView<LogLine> table = new TableView<>(WhileShown.rows(this, vm.visible()));
        table.setId("log-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.label("No log lines match.", "muted"));
        table.getColumns().add(col("#", 56, l -> Long.toString(l.seq())));
        table.getColumns().add(col("Level", 64, l -> l.level().displayName()));
        table.getColumns().add(col("Thread", 76, LogLine::thread));
        table.getColumns().add(col("Filter / VM", 150, l -> l.vm() == null ? l.filter() : l.vm()));
        table.getColumns().add(col("Message", 400, LogLine::message));
        table.setRowFactory(
                t ->
                        new TableRow<>() {
                            private String level;
                            private boolean suppressed;

                            @Override
                            protected void updateItem(LogLine l, boolean empty) {
                                super.updateItem(l, empty);
                                String lv =
                                        empty || l == null
                                                ? null
                                                : "level-" + l.level().displayName();
                                boolean sup = !empty && l != null && l.suppressed();
                                // A changed style class restyles the row: change only what
                                // differs (a burst refills every row several times a second).
                                if (!Objects.equals(lv, level)) {
                                    getStyleClass().remove(level);
                                    if (lv != null) {
                                        getStyleClass().add(lv);
                                    }
                                    level = lv;
                                }
                                if (sup != suppressed) {
                                    if (sup) {
                                        getStyleClass().add("suppressed");
                                    } else {
                                        getStyleClass().remove("suppressed");
                                    }
                                    suppressed = sup;
                                }
                            }
                        });
        getChildren()
                .addAll(
                        Ui.row(
                                6,
                                Ui.label("Level", "muted"),
                                level,
                                Ui.label("Filter", "muted"),
                                filter,
                                Ui.label("Thread", "muted"),
                                thread,
                                Ui.hgrow(search),
                                suppressed),
                        Ui.vgrow(table),
                        counts);
    }

    private static TableColumn<LogLine, String> col(
            String title, double width, java.util.function.Function<LogLine, String> f) {
        TableColumn<LogLine, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
