package io.filterplayground.app.upstream;

import io.filterplayground.app.request.HeaderTable;
import io.filterplayground.app.workspace.Ui;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The upstream: which cluster the route sends requests to, and for each cluster a mock reply
 * (status, headers, body, echo, delay) or a real URL reached over HTTP.
 */
public final class UpstreamView extends VBox {
    public UpstreamView(UpstreamViewModel vm) {
        setId("upstream-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);

        ChoiceBox<String> route = new ChoiceBox<>(vm.names());
        route.setId("route-choice");
        route.valueProperty().bindBidirectional(vm.routeProperty());

        ChoiceBox<String> cluster = new ChoiceBox<>(vm.names());
        cluster.setId("cluster-choice");
        cluster.valueProperty().bindBidirectional(vm.editingProperty());
        var add =
                Ui.button(
                        "add-cluster-button",
                        "+ cluster",
                        "Add a mock cluster (for callouts, e.g. auth)",
                        () -> {
                            TextInputDialog d = new TextInputDialog("auth");
                            d.setHeaderText("Name of the new cluster");
                            d.showAndWait().ifPresent(vm::addCluster);
                        });
        add.getStyleClass().add("small");

        ToggleGroup mode = new ToggleGroup();
        RadioButton mock = new RadioButton("Mock reply");
        mock.setId("mock-radio");
        mock.setToggleGroup(mode);
        RadioButton real = new RadioButton("Real URL");
        real.setId("url-radio");
        real.setToggleGroup(mode);
        real.selectedProperty().bindBidirectional(vm.useUrlProperty());
        mock.setSelected(!vm.useUrlProperty().get());
        vm.useUrlProperty().addListener((o, a, b) -> mock.setSelected(!b));

        TextField url = new TextField();
        url.setId("upstream-url");
        url.textProperty().bindBidirectional(vm.urlProperty());
        url.setPromptText("http://127.0.0.1:8080");

        TextField status = new TextField();
        status.setId("mock-status");
        status.setPrefColumnCount(4);
        status.textProperty().bindBidirectional(vm.statusProperty());
        TextField delay = new TextField();
        delay.setId("mock-delay");
        delay.setPrefColumnCount(5);
        delay.textProperty().bindBidirectional(vm.delayMillisProperty());
        CheckBox echo = new CheckBox("Echo the request");
        echo.setId("mock-echo");
        echo.selectedProperty().bindBidirectional(vm.echoProperty());

        HeaderTable headers = new HeaderTable("mock-headers", vm.headers());
        headers.setPrefHeight(120);
        TextArea body = new TextArea();
        body.setId("mock-body");
        body.setPrefRowCount(3);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        body.getStyleClass().add("mono");

        GridPane top = new GridPane();
        top.setHgap(8);
        top.setVgap(6);
        top.addRow(0, Ui.label("Route to", "muted"), route);
        top.addRow(1, Ui.label("Cluster", "muted"), Ui.row(6, cluster, add));
        top.addRow(2, Ui.label("Kind", "muted"), Ui.row(12, mock, real));

        VBox mockBox =
                new VBox(
                        6,
                        Ui.row(
                                8,
                                Ui.label("Status", "muted"),
                                status,
                                Ui.label("Delay (ms)", "muted"),
                                delay),
                        echo,
                        Ui.label(
                                "Echo: replies 200 with the request body and each request header as x-echo-<name>.",
                                "muted",
                                "wrap"),
                        Ui.title("Headers"),
                        headers,
                        Ui.title("Body"),
                        body);
        mockBox.visibleProperty().bind(vm.useUrlProperty().not());
        mockBox.managedProperty().bind(mockBox.visibleProperty());
        VBox urlBox =
                new VBox(
                        6,
                        Ui.title("URL"),
                        url,
                        Ui.label(
                                "Requests are sent over HTTP to this server (OkHttp). An unreachable server gives a 503 local reply.",
                                "muted",
                                "wrap"));
        urlBox.visibleProperty().bind(vm.useUrlProperty());
        urlBox.managedProperty().bind(urlBox.visibleProperty());

        Label message = Ui.label("", "inline-message", "error");
        message.setId("upstream-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        getChildren().addAll(top, mockBox, urlBox, message);
    }
}
