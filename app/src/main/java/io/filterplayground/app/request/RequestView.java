package io.filterplayground.app.request;

import io.filterplayground.app.editor.CodeEditor;
import io.filterplayground.app.editor.ConfigSyntax;
import io.filterplayground.app.workspace.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The request composer: method, authority and path; a header table; the body (split into N chunks,
 * one body callback each); trailers; cURL in and out.
 */
public final class RequestView extends VBox {
    private final RequestViewModel vm;
    private final VBox curlBox = new VBox(4);
    private final TextArea curlInput = new TextArea();

    public RequestView(RequestViewModel vm) {
        this.vm = vm;
        setId("request-view");
        getStyleClass().add("request-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);

        ComboBox<String> method = new ComboBox<>();
        method.setId("method-box");
        method.getItems().addAll("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        method.setEditable(true);
        method.setPrefWidth(100);
        method.valueProperty().bindBidirectional(vm.methodProperty());

        TextField authority = new TextField();
        authority.setId("authority-field");
        authority.setPromptText("authority (host)");
        authority.textProperty().bindBidirectional(vm.authorityProperty());

        TextField path = new TextField();
        path.setId("path-field");
        path.setPromptText("/path?query");
        path.textProperty().bindBidirectional(vm.pathProperty());

        TextField name = new TextField();
        name.setId("request-name");
        name.setPrefColumnCount(8);
        name.textProperty().bindBidirectional(vm.nameProperty());

        HeaderTable headers = new HeaderTable("request-headers", vm.headers());
        headers.setPrefHeight(150);
        headers.setMinHeight(90);

        CodeEditor body = new CodeEditor();
        body.setId("body-editor");
        body.syntaxProperty().set(ConfigSyntax.JSON);
        body.setText(vm.bodyProperty().get());
        body.setPrefHeight(70);
        body.setMinHeight(50);
        body.area().textProperty().addListener((o, a, b) -> vm.bodyProperty().set(b));
        vm.bodyProperty().addListener((o, a, b) -> body.setText(b));

        Spinner<Integer> chunks = new Spinner<>(1, 64, 1);
        chunks.setId("chunks-spinner");
        chunks.setPrefWidth(80);
        chunks.setEditable(true);
        chunks.getValueFactory()
                .valueProperty()
                .addListener((o, a, b) -> vm.chunksProperty().set(b));
        vm.chunksProperty()
                .addListener((o, a, b) -> chunks.getValueFactory().setValue(b.intValue()));

        HeaderTable trailers = new HeaderTable("request-trailers", vm.trailers());
        trailers.setPrefHeight(90);
        TitledPane trailersPane = new TitledPane("Trailers", trailers);
        trailersPane.setId("trailers-pane");
        trailersPane.setExpanded(false);
        trailersPane.setAnimated(false);

        curlInput.setId("curl-input");
        curlInput.setPromptText(
                "curl -X POST 'http://example.com/items' -H 'x-user: alice' --data-raw '{...}'");
        curlInput.setPrefRowCount(3);
        curlInput.setWrapText(true);
        Button apply =
                Ui.button(
                        "curl-apply",
                        "Fill in",
                        "Read the cURL command into the composer",
                        this::applyCurl);
        apply.getStyleClass().add("accent");
        Button cancel = Ui.button("curl-cancel", "Cancel", null, () -> showCurl(false));
        curlBox.getChildren().addAll(curlInput, Ui.row(6, apply, cancel));
        curlBox.getStyleClass().add("curl-box");
        showCurl(false);

        Button paste =
                Ui.button(
                        "paste-curl-button",
                        "Paste cURL",
                        "Fill the request from a cURL command",
                        this::openCurl);
        Button copy =
                Ui.button(
                        "copy-curl-button",
                        "Copy as cURL",
                        "Copy this request as a cURL command",
                        this::copyCurl);
        Button keep =
                Ui.button(
                        "keep-request-button",
                        "Keep",
                        "Add this request to the scenario's saved requests",
                        vm::keepCurrent);
        for (Button b : new Button[] {paste, copy, keep}) {
            b.getStyleClass().add("small");
        }

        Label message = Ui.message("request-message", vm.messageProperty());

        HBox line1 = Ui.row(6, method, Ui.hgrow(authority));
        name.setPromptText("name");
        name.setTooltip(
                new javafx.scene.control.Tooltip(
                        "The request's name in the history and the scenario"));
        HBox line2 = Ui.row(6, Ui.hgrow(path), name);
        HBox bodyTitle =
                Ui.row(
                        6,
                        Ui.title("Body"),
                        Ui.spacer(),
                        Ui.label("split into", "muted"),
                        chunks,
                        Ui.label("chunk(s)", "muted"));
        getChildren()
                .addAll(
                        curlBox,
                        line1,
                        line2,
                        Ui.title("Headers"),
                        Ui.vgrow(headers),
                        bodyTitle,
                        body,
                        trailersPane,
                        Ui.row(6, paste, copy, Ui.spacer(), keep),
                        message);
    }

    private void showCurl(boolean show) {
        curlBox.setVisible(show);
        curlBox.setManaged(show);
    }

    private void openCurl() {
        String clip = Clipboard.getSystemClipboard().getString();
        if (clip != null && clip.strip().startsWith("curl")) {
            curlInput.setText(clip.strip());
        }
        showCurl(true);
        curlInput.requestFocus();
    }

    private void applyCurl() {
        if (vm.pasteCurl(curlInput.getText())) {
            showCurl(false);
            curlInput.clear();
        }
    }

    private void copyCurl() {
        try {
            String curl = vm.copyAsCurl();
            ClipboardContent c = new ClipboardContent();
            c.putString(curl);
            Clipboard.getSystemClipboard().setContent(c);
            vm.messageProperty().set("Copied to the clipboard:\n" + curl);
        } catch (IllegalArgumentException e) {
            vm.messageProperty().set(e.getMessage());
        }
    }
}
