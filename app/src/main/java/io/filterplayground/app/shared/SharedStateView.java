package io.filterplayground.app.shared;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.app.workspace.WhileShown;
import io.filterplayground.engine.state.SharedQueues;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** Shared data (per vm_id, with CAS) and shared queues: the only state VMs share. */
public final class SharedStateView extends SplitPane {
    public SharedStateView(SharedStateViewModel vm) {
        setId("shared-view");
        setOrientation(Orientation.VERTICAL);
        TableView<SharedStateViewModel.DataRow> data =
                new TableView<>(WhileShown.rows(this, vm.data()));
        data.setId("shared-data-table");
        data.getStyleClass().add("dense");
        data.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        data.setPlaceholder(Ui.label("No shared data yet (proxy_set_shared_data).", "muted"));
        data.getColumns().add(col("vm_id", 90, SharedStateViewModel.DataRow::vmId));
        data.getColumns().add(col("Key", 220, SharedStateViewModel.DataRow::key));
        data.getColumns().add(col("CAS", 60, r -> Integer.toString(r.cas())));
        data.getColumns().add(col("Value", 300, SharedStateViewModel.DataRow::value));

        TableView<SharedQueues.Row> queues = new TableView<>(WhileShown.rows(this, vm.queues()));
        queues.setId("queue-table");
        queues.getStyleClass().add("dense");
        queues.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        queues.setPlaceholder(
                Ui.label("No shared queues registered (proxy_register_shared_queue).", "muted"));
        queues.getColumns().add(col("Token", 60, q -> Integer.toString(q.token())));
        queues.getColumns().add(col("vm_id", 90, SharedQueues.Row::vmId));
        queues.getColumns().add(col("Queue", 120, SharedQueues.Row::name));
        queues.getColumns().add(col("Depth", 60, q -> Integer.toString(q.depth())));
        queues.getColumns().add(col("Enqueued", 80, q -> Long.toString(q.enqueued())));
        queues.getColumns().add(col("Dequeued", 80, q -> Long.toString(q.dequeued())));
        queues.getColumns()
                .add(col("Notifies (on_queue_ready)", 240, SharedQueues.Row::subscriber));

        VBox top =
                new VBox(
                        4,
                        Ui.title("Shared data (key-value per vm_id, compare-and-swap)"),
                        Ui.vgrow(data));
        VBox bottom =
                new VBox(
                        4,
                        Ui.title("Shared queues (proxy_on_queue_ready goes to the registering VM)"),
                        Ui.vgrow(queues));
        Ui.pad(top, 8, 8, 4, 8);
        Ui.pad(bottom, 4, 8, 8, 8);
        getItems().addAll(top, bottom);
    }

    private static <T> TableColumn<T, String> col(
            String title, double width, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
