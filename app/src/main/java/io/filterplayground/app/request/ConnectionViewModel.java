package io.filterplayground.app.request;

import io.filterplayground.engine.scenario.ConnectionSpec;
import io.filterplayground.engine.scenario.ConnectionStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection composer of a TCP listener: the downstream client's steps in order (chunks of text
 * or hex, the end of its stream, closes, advances of the virtual clock), kept as the scenario's
 * saved connections and in the history like requests.
 */
public final class ConnectionViewModel {
    private final StringProperty name = new SimpleStringProperty("connection");
    private final ObservableList<ConnectionStepRow> steps =
            FXCollections.observableArrayList(ConnectionStepRow::observables);
    private final StringProperty message = new SimpleStringProperty("");
    private final History history;

    /** The scenario's connections, kept so that saving writes them back (expect blocks too). */
    private final List<ConnectionSpec> saved = new ArrayList<>();

    public ConnectionViewModel(History history) {
        this.history = history;
        load(
                "connection",
                List.of(
                        new ConnectionStep.Send(
                                "PING\r\n".getBytes(StandardCharsets.UTF_8), false)));
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObservableList<ConnectionStepRow> steps() {
        return steps;
    }

    /** The history both composers share. */
    public ObservableList<HistoryEntry> history() {
        return history.entries();
    }

    /** What the last Keep or check said, or "". */
    public StringProperty messageProperty() {
        return message;
    }

    /** Puts a connection's steps into the composer. */
    public void load(String connectionName, List<ConnectionStep> s) {
        name.set(connectionName);
        steps.setAll(s.stream().map(ConnectionStepRow::of).toList());
        message.set("");
    }

    /** The scenario's connections become the saved ones; the first is put into the composer. */
    public void loadScenarioConnections(List<ConnectionSpec> connections) {
        saved.clear();
        saved.addAll(connections);
        history.replaceSaved(
                true,
                connections.stream()
                        .map(
                                c ->
                                        HistoryEntry.connection(
                                                HistoryEntry.Kind.SAVED, c.name(), c.steps(), ""))
                        .toList());
        if (!connections.isEmpty()) {
            load(connections.get(0).name(), connections.get(0).steps());
        }
    }

    public List<ConnectionSpec> savedConnections() {
        return List.copyOf(saved);
    }

    /** Adds a step of {@code kind} at the end. */
    public ConnectionStepRow add(ConnectionStepRow.Kind kind) {
        ConnectionStepRow r = new ConnectionStepRow(kind);
        steps.add(r);
        return r;
    }

    public void remove(ConnectionStepRow row) {
        steps.remove(row);
    }

    /** Moves a step one place earlier ({@code by} -1) or later (1). */
    public void move(ConnectionStepRow row, int by) {
        int from = steps.indexOf(row);
        int to = from + by;
        if (from >= 0 && to >= 0 && to < steps.size()) {
            steps.remove(from);
            steps.add(to, row);
        }
    }

    /** The client's steps; throws IllegalArgumentException naming the first bad step. */
    public List<ConnectionStep> toSteps() {
        List<ConnectionStep> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            try {
                out.add(steps.get(i).toStep());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Step " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("add a step: the client sends nothing");
        }
        return out;
    }

    /** Adds the composer's connection to the scenario's saved connections. */
    public void keepCurrent() {
        List<ConnectionStep> s;
        try {
            s = toSteps();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        String n =
                RequestViewModel.unique(
                        name.get(),
                        "connection",
                        saved.stream().map(ConnectionSpec::name).toList());
        saved.add(ConnectionSpec.of(n, s));
        history.addSaved(HistoryEntry.connection(HistoryEntry.Kind.SAVED, n, s, ""));
        message.set("Kept as '" + n + "': Save writes it into the scenario file.");
    }

    /** Adds a connection that was sent to the history, newest first after the saved ones. */
    public void recordSent(String connectionName, List<ConnectionStep> s, String outcome) {
        if (!history.recordSent(
                HistoryEntry.connection(HistoryEntry.Kind.SENT, connectionName, s, outcome))) {
            message.set("The history could not be written to " + history.store().file() + ".");
        }
    }
}
