package io.filterplayground.app.response;

import io.filterplayground.app.workspace.Ui;
import io.filterplayground.engine.http.Header;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBox;
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
 * headers, body, time per filter, and what reached the upstream. For a TCP connection: who closed
 * it, and the bytes the client and the upstream received, as text or hex.
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
        reply.setMinHeight(Label.USE_PREF_SIZE);
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
        List<Tab> http = List.of(new Tab("Headers", headers), new Tab("Body", body));
        List<Tab> tcp =
                List.of(
                        bytesTab("received", "To client", vm.receivedProperty()),
                        bytesTab(
                                "upstream-received", "To upstream", vm.upstreamReceivedProperty()));
        Tab timeTab = new Tab("Time per filter", timing);
        Runnable kind =
                () -> {
                    Tab was = tabs.getSelectionModel().getSelectedItem();
                    List<Tab> now = new ArrayList<>(vm.connectionProperty().get() ? tcp : http);
                    now.add(timeTab);
                    if (!tabs.getTabs().equals(now)) {
                        tabs.getTabs().setAll(now);
                        tabs.getSelectionModel().select(was == timeTab ? timeTab : now.get(0));
                    }
                };
        vm.connectionProperty().addListener((o, a, b) -> kind.run());
        kind.run();
        VBox.setVgrow(tabs, Priority.ALWAYS);
        CheckBox hex = new CheckBox("Hex");
        hex.setId("response-hex");
        hex.selectedProperty().bindBidirectional(vm.hexProperty());
        hex.visibleProperty().bind(vm.connectionProperty());
        hex.managedProperty().bind(hex.visibleProperty());

        status.setMinWidth(Label.USE_PREF_SIZE);
        local.setMinWidth(Label.USE_PREF_SIZE);
        VBox info = new VBox(2, local, time, reply);
        HBox.setHgrow(info, Priority.ALWAYS);
        HBox head = Ui.row(10, status, info);
        Label title = Ui.title("Response");
        title.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.when(vm.connectionProperty())
                                .then("Connection")
                                .otherwise("Response"));
        getChildren().addAll(Ui.row(6, title, Ui.spacer(), hex), head, tabs);
    }

    /** Received bytes, read-only, in the monospaced font (a hex dump lines up). */
    private static Tab bytesTab(String id, String title, StringProperty text) {
        TextArea area = new TextArea();
        area.setId(id + "-bytes");
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("mono");
        area.textProperty().bind(text);
        Tab t = new Tab(title, area);
        t.setId(id + "-tab");
        return t;
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
