package io.filterplayground.app.workspace;

import io.filterplayground.engine.proxy.Machine;
import io.filterplayground.engine.scenario.Durations;
import io.filterplayground.engine.scenario.Scenario;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * The toolbar: files (open, save, save as test, load module), traffic (send, burst of N), the
 * engine (workers, machine), and the virtual clock (mode, advance by).
 */
public final class ToolbarView extends ToolBar {
    public ToolbarView(
            WorkspaceViewModel vm,
            Runnable open,
            Runnable save,
            Runnable saveTest,
            Runnable loadModule) {
        setId("toolbar");
        Button openB = Ui.button("open-button", "Open…", "Open a scenario file (Ctrl+O)", open);
        SplitMenuButton saveB = new SplitMenuButton();
        saveB.setId("save-button");
        saveB.setText("Save…");
        saveB.setTooltip(new Tooltip("Save the scenario as YAML (Ctrl+S)"));
        saveB.setOnAction(e -> save.run());
        MenuItem saveTestItem = new MenuItem("Save as test… (Ctrl+Shift+S)");
        saveTestItem.setId("save-test-item");
        saveTestItem.setOnAction(e -> saveTest.run());
        saveB.getItems().add(saveTestItem);
        Button moduleB =
                Ui.button(
                        "load-module-button",
                        "Load module…",
                        "Load a .wasm file into the module library (Ctrl+L)",
                        loadModule);

        Button send =
                Ui.button(
                        "send-button",
                        "▶  Send",
                        "Send the composed request or connection (Ctrl+Enter)",
                        vm::send);
        send.getStyleClass().add("accent");
        send.disableProperty().bind(vm.burstingProperty());
        Button burst =
                Ui.button(
                        "burst-button",
                        "Burst",
                        "Send the request N times across the workers (Ctrl+B)",
                        () -> {
                            if (vm.burstingProperty().get()) {
                                vm.cancelBurst();
                            } else {
                                vm.burst();
                            }
                        });
        // A burst sends the composed HTTP request; a connection is sent on its own.
        burst.disableProperty().bind(vm.composingConnectionProperty());
        burst.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(vm.burstingProperty())
                                .then("■  Stop")
                                .otherwise("Burst ×"));
        Spinner<Integer> count = new Spinner<>(1, 1_000_000, vm.burstCountProperty().get(), 1000);
        count.setId("burst-count");
        count.setEditable(true);
        count.setPrefWidth(92);
        count.valueProperty().addListener((o, a, b) -> vm.burstCountProperty().set(b));
        count.setTooltip(new Tooltip("Requests per burst"));

        Spinner<Integer> workers = new Spinner<>(1, 16, vm.workersProperty().get());
        workers.setId("workers-spinner");
        workers.setPrefWidth(62);
        workers.getValueFactory()
                .valueProperty()
                .addListener((o, a, b) -> vm.workersProperty().set(b));
        vm.workersProperty()
                .addListener((o, a, b) -> workers.getValueFactory().setValue(b.intValue()));

        ChoiceBox<Machine> machine = new ChoiceBox<>();
        machine.setId("machine-choice");
        machine.getItems().addAll(Machine.values());
        machine.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(Machine m) {
                        return m == null ? "" : m.displayName();
                    }

                    @Override
                    public Machine fromString(String s) {
                        return Machine.parse(s);
                    }
                });
        machine.valueProperty().bindBidirectional(vm.machineProperty());
        machine.setPrefWidth(104);
        machine.setTooltip(
                new Tooltip(
                        "compiled: Wasm becomes JVM bytecode; interpreter: slower, no compile step"));

        ChoiceBox<Scenario.ClockMode> clock = new ChoiceBox<>();
        clock.setId("clock-choice");
        clock.getItems().addAll(Scenario.ClockMode.values());
        clock.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(Scenario.ClockMode m) {
                        return m == null
                                ? ""
                                : m.name().toLowerCase(java.util.Locale.ROOT) + " clock";
                    }

                    @Override
                    public Scenario.ClockMode fromString(String s) {
                        return null;
                    }
                });
        clock.valueProperty().bindBidirectional(vm.clockProperty());
        clock.setPrefWidth(118);
        TextField by = new TextField();
        by.setId("advance-field");
        by.setPrefColumnCount(3);
        by.textProperty().bindBidirectional(vm.advanceByProperty());
        Button advance =
                Ui.button(
                        "advance-button",
                        "Advance",
                        "Move the virtual clock: due timers and delayed replies fire",
                        vm::advance);
        var real = vm.clockProperty().isEqualTo(Scenario.ClockMode.REAL);
        advance.disableProperty().bind(real);
        by.disableProperty().bind(real);
        Label clockNow = Ui.label("", "muted");
        clockNow.setId("clock-label");
        clockNow.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.createStringBinding(
                                () ->
                                        vm.clockProperty().get() == Scenario.ClockMode.REAL
                                                ? ""
                                                : "t = +"
                                                        + Durations.display(
                                                                vm.virtualMillisProperty().get()),
                                vm.clockProperty(),
                                vm.virtualMillisProperty()));

        getItems()
                .addAll(
                        openB,
                        saveB,
                        moduleB,
                        new Separator(),
                        send,
                        burst,
                        count,
                        new Separator(),
                        Ui.label("Workers", "muted"),
                        workers,
                        machine,
                        new Separator(),
                        clock,
                        by,
                        advance,
                        clockNow);
    }
}
