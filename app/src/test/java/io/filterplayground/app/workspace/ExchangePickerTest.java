package io.filterplayground.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ExchangePickerTest {
    private final ObservableList<RecordedExchange> exchanges = FXCollections.observableArrayList();
    private final SimpleObjectProperty<RecordedExchange> selected = new SimpleObjectProperty<>();
    private final SimpleBooleanProperty bursting = new SimpleBooleanProperty();
    private final List<RecordedExchange> shown = new ArrayList<>();
    private final RecordedExchange first = ExchangeListTest.done(1, 200);
    private final RecordedExchange second = ExchangeListTest.done(2, 200);
    private ExchangePicker picker;

    @Start
    void start(Stage stage) {
        picker = new ExchangePicker(exchanges, selected, bursting);
        selected.addListener((o, a, b) -> shown.add(b));
        stage.setScene(new Scene(picker, 400, 100));
        stage.show();
    }

    @Test
    void shouldKeepTheSelectionWithoutShowingItAgainWhenTheListIsRefreshed(FxRobot robot) {
        robot.interact(
                () -> {
                    exchanges.setAll(first);
                    selected.set(first);
                    exchanges.setAll(second, first); // a refresh: a newer one on top
                });

        assertThat(shown).containsExactly(first);
        assertThat(picker.getValue()).isSameAs(first);
        assertThat(picker.getItems()).containsExactly(second, first);
    }

    @Test
    void shouldLeaveTheListAsItIsDuringABurstAndCatchUpWhenItEnds(FxRobot robot) {
        robot.interact(
                () -> {
                    exchanges.setAll(first);
                    bursting.set(true);
                    exchanges.setAll(second, first);
                });
        assertThat(picker.getItems()).containsExactly(first);

        robot.interact(() -> bursting.set(false));
        assertThat(picker.getItems()).containsExactly(second, first);

        // A click on the picker's own value sets the selection.
        robot.interact(() -> picker.setValue(second));
        assertThat(selected.get()).isSameAs(second);
    }
}
