package io.filterplayground.app.request;

import io.filterplayground.app.workspace.Ui;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The scenario's variables: {@code {{name}}} in the composed request's path, header values or body
 * is replaced by the value here when it is sent (and they are saved with the scenario).
 */
public final class VariablesView extends VBox {
    public VariablesView(RequestViewModel vm) {
        setId("variables-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);
        Label about =
                Ui.label(
                        "Write {{name}} in the path, a header value or the body of a request;"
                                + " it is replaced by the value here when the request is sent,"
                                + " and the scenario is saved with these variables. Built in:"
                                + " {{$i}} (the request's number in a burst or repeat, from 0) and"
                                + " {{$uuid}} (drawn from the scenario's seed).",
                        "muted",
                        "wrap");
        about.setWrapText(true);
        about.setMinHeight(Label.USE_PREF_SIZE);
        HeaderTable table =
                new HeaderTable(
                        "request-variables",
                        vm.variables(),
                        "No variables. Add one with +.",
                        "name");
        getChildren().addAll(about, Ui.vgrow(table));
    }
}
