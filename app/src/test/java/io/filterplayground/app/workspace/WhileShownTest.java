package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WhileShownTest {
    private final ObservableList<String> model = FXCollections.observableArrayList("one", "two");
    private TabPane tabs;
    private TableView<String> table;
    private final StringBuilder headers = new StringBuilder();

    @Start
    void start(Stage stage) {
        tabs = new TabPane();
        VBox view = new VBox();
        table = new TableView<>(WhileShown.rows(view, model));
        Runnable header = WhileShown.update(view, () -> headers.append(model.size()).append(' '));
        model.addListener((javafx.beans.InvalidationListener) o -> header.run());
        view.getChildren().add(table);
        tabs.getTabs().addAll(new Tab("front", new VBox()), new Tab("behind", view));
        stage.setScene(new Scene(tabs, 400, 300));
        stage.show();
    }

    @Test
    void shouldFollowTheModelOnlyWhileShown(FxRobot robot) {
        robot.interact(() -> model.setAll("three", "four", "five"));
        assertThat(table.getItems()).containsExactly("one", "two");

        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(table.getItems()).containsExactly("three", "four", "five");

        robot.interact(() -> model.remove(0));
        assertThat(table.getItems()).containsExactly("four", "five");
    }

    @Test
    void shouldKeepTheSelectionOfAShownTableAsRowsAreAdded(FxRobot robot) {
        robot.interact(
                () -> {
                    tabs.getSelectionModel().select(1);
                    table.getSelectionModel().select("two");
                    model.add(0, "zero");
                });

        assertThat(table.getItems()).containsExactly("zero", "one", "two");
        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo("two");
    }

    @Test
    void shouldRunAnUpdateOnceWhenTheViewIsShownAgain(FxRobot robot) {
        robot.interact(
                () -> {
                    headers.setLength(0);
                    model.add("three");
                    model.add("four");
                });
        assertThat(headers.toString()).isEmpty();

        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(headers.toString()).isEqualTo("4 ");
    }
}
