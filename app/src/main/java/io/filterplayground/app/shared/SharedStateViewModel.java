package io.filterplayground.app.shared;

import io.filterplayground.app.workspace.Lists;
import io.filterplayground.engine.PlaygroundSnapshot;
import io.filterplayground.engine.state.SharedData;
import io.filterplayground.engine.state.SharedQueues;
import java.nio.charset.StandardCharsets;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Shared data (per vm_id, with CAS) and shared queues: the only state VMs share. */
public final class SharedStateViewModel {
    /** A shared data entry, its value as text. */
    public record DataRow(String vmId, String key, String value, int cas) {}

    private final ObservableList<DataRow> data = FXCollections.observableArrayList();
    private final ObservableList<SharedQueues.Row> queues = FXCollections.observableArrayList();

    public void update(PlaygroundSnapshot s) {
        Lists.update(data, s.sharedData().stream().map(SharedStateViewModel::row).toList());
        Lists.update(queues, s.queues());
    }

    static DataRow row(SharedData.Row r) {
        return new DataRow(
                r.vmId().isEmpty() ? "\"\"" : r.vmId(),
                r.key(),
                new String(r.value(), StandardCharsets.UTF_8),
                r.cas());
    }

    public ObservableList<DataRow> data() {
        return data;
    }

    public ObservableList<SharedQueues.Row> queues() {
        return queues;
    }
}
