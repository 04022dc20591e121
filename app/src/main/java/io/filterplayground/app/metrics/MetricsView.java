package io.filterplayground.app.metrics;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** Filter-defined metrics (counters, gauges, histograms), in total and per VM. */
public final class MetricsView extends VBox {
    public MetricsView(MetricsViewModel vm) {
        setId("metrics-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        TableView<MetricsViewModel.MetricRow> table =
                new TableView<>(WhileShown.rows(this, vm.rows()));
        table.setId("metrics-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.label("No metrics defined yet (proxy_define_metric).", "muted"));
        table.getColumns().add(col("Metric", 260, MetricsViewModel.MetricRow::name));
        table.getColumns().add(col("Type", 90, MetricsViewModel.MetricRow::type));
        table.getColumns().add(col("Value", 140, MetricsViewModel.MetricRow::value));
        table.getColumns().add(col("Per VM", 300, MetricsViewModel.MetricRow::perVm));
        getChildren()
                .addAll(
                        Ui.label(
                                "Stats a filter defines are named wasmcustom.<name>; a second definition of the same name shares the stat across VMs.",
                                "muted",
                                "wrap"),
                        Ui.vgrow(table));
    }

    static <T> TableColumn<T, String> col(
            String title, double width, java.util.function.Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
