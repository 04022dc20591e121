package io.filterplayground.app.response;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.http.Header;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The response of the selected request: a big status, the local-reply marker, total time; then
 * headers, body, time per filter, and what reached the upstream.
 */
public final class ResponseView extends VBox {
    private final VBox times = new VBox(4);
    private final ResponseViewModel vm;

    public ResponseView(ResponseViewModel vm) {
        this.vm = vm;
        setId("response-view");
        setSpacing(6);
        Ui.pad(this, 8, 8, 8, 8);

        Label status = Ui.label("", "response-status");
        status.setId("response-status");
        status.textProperty().bind(vm.statusProperty());
        vm.statusClassProperty().addListener((o, a, b) -> Ui.tone(status, "status-", b));
        Ui.tone(status, "status-", vm.statusClassProperty().get());
        status.managedProperty().bind(status.textProperty().isNotEmpty());

        Label local = Ui.label("LOCAL REPLY", "badge", "badge-local-reply");
        local.setId("local-reply-badge");
        local.visibleProperty().bind(vm.localReplyProperty());
        local.managedProperty().bind(local.visibleProperty());

        Label reply = Ui.label("", "muted");
        reply.setId("response-reply");
        reply.textProperty().bind(vm.replyProperty());
        reply.setWrapText(true);
        Label time = Ui.label("", "muted");
        time.setId("response-time");
        time.textProperty().bind(vm.totalTimeProperty());

        TableView<Header> headers = new TableView<>(vm.headers());
        headers.setId("response-headers");
        headers.getStyleClass().addAll("dense");
        headers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        headers.setPlaceholder(Ui.label("No response yet.", "muted"));
        TableColumn<Header, String> n = new TableColumn<>("Name");
        n.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        n.setPrefWidth(140);
        TableColumn<Header, String> v = new TableColumn<>("Value");
        v.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        headers.getColumns().add(n);
        headers.getColumns().add(v);

        TextArea body = new TextArea();
        body.setId("response-body");
        body.setEditable(false);
        body.setWrapText(true);
        body.getStyleClass().add("mono");
        body.textProperty().bind(vm.bodyProperty());

        times.setId("filter-times");
        Ui.pad(times, 8, 4, 4, 4);
        vm.filterTimes()
                .addListener((ListChangeListener<ResponseViewModel.FilterTime>) c -> fillTimes());
        Label upstream = Ui.label("", "muted", "wrap");
        upstream.setId("response-upstream");
        upstream.textProperty().bind(vm.upstreamProperty());
        upstream.setWrapText(true);
        VBox timing = new VBox(6, times, upstream);
        Ui.pad(timing, 4, 4, 4, 4);

        TabPane tabs = new TabPane();
        tabs.setId("response-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new Tab("Headers", headers));
        tabs.getTabs().add(new Tab("Body", body));
        tabs.getTabs().add(new Tab("Time per filter", timing));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        status.setMinWidth(Label.USE_PREF_SIZE);
        local.setMinWidth(Label.USE_PREF_SIZE);
        VBox info = new VBox(2, local, time, reply);
        HBox.setHgrow(info, Priority.ALWAYS);
        HBox head = Ui.row(10, status, info);
        getChildren().addAll(Ui.title("Response"), head, tabs);
    }

    private void fillTimes() {
        times.getChildren().clear();
        for (ResponseViewModel.FilterTime t : vm.filterTimes()) {
            Region bar = new Region();
            bar.getStyleClass().add("time-bar");
            bar.setMinWidth(2);
            StackPane track = new StackPane(bar);
            track.getStyleClass().add("time-track");
            track.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            bar.prefWidthProperty().bind(track.widthProperty().multiply(Math.max(0.01, t.share())));
            bar.maxWidthProperty().bind(bar.prefWidthProperty());
            HBox.setHgrow(track, Priority.ALWAYS);
            Label name = Ui.label(t.filter(), "time-name");
            name.setMinWidth(110);
            name.setPrefWidth(110);
            Label value = Ui.label(t.label(), "time-value");
            value.setMinWidth(70);
            times.getChildren().add(Ui.row(6, name, track, value));
        }
    }
}
